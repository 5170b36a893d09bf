package org.walle.deploy.ui;

import java.util.function.Supplier;

import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;

/** Page 4 of New Release: everything Finish will send, as text, refreshed each time the page is shown. */
final class ReleaseReviewPage extends WizardPage {
    private final Supplier<String> summary;
    private Text text;

    ReleaseReviewPage(Supplier<String> summary) {
        super("releaseReview");
        this.summary = summary;
        setTitle(ReleaseMessages.Release_reviewTitle);
        setDescription(ReleaseMessages.Release_reviewDescription);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new FillLayout());
        text = new Text(c, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL);
        setControl(c);
    }

    @Override
    public void setVisible(boolean visible) {
        if (visible) {
            text.setText(summary.get());
        }
        super.setVisible(visible);
    }

    String getSummary() {
        return text.getText();
    }
}

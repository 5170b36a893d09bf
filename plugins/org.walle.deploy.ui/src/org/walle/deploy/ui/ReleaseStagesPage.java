package org.walle.deploy.ui;

import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.walle.deploy.ui.internal.release.StagePlan;

/** Page 3 of New Release: the gray ladder and its thresholds, checked on every keystroke. */
final class ReleaseStagesPage extends WizardPage {
    private Text ladder;
    private Text minReports;
    private Text maxError;
    private Text success;
    private Button rollbackOnError;
    private Button autoAdvance;
    private StagePlan plan;

    ReleaseStagesPage() {
        super("releaseStages");
        setTitle(ReleaseMessages.Release_stagesTitle);
        setDescription(ReleaseMessages.Release_stagesDescription);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        ladder = field(c, ReleaseMessages.Release_ladder, "1, 5, 20, 50, 100");
        minReports = field(c, ReleaseMessages.Release_minReports, "5");
        maxError = field(c, ReleaseMessages.Release_maxError, "20");
        success = field(c, ReleaseMessages.Release_success, "95");
        rollbackOnError = check(c, ReleaseMessages.Release_rollbackOnError);
        autoAdvance = check(c, ReleaseMessages.Release_autoAdvance);
        setControl(c);
        validate();
    }

    private Text field(Composite parent, String label, String initial) {
        new Label(parent, SWT.NONE).setText(label);
        Text t = new Text(parent, SWT.BORDER);
        t.setText(initial);
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        t.addListener(SWT.Modify, e -> validate());
        return t;
    }

    private Button check(Composite parent, String label) {
        Button b = new Button(parent, SWT.CHECK);
        b.setText(label);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        b.addListener(SWT.Selection, e -> validate());
        return b;
    }

    private void validate() {
        try {
            plan = StagePlan.parse(ladder.getText(), minReports.getText(), maxError.getText(), success.getText(),
                    rollbackOnError.getSelection(), autoAdvance.getSelection());
            setErrorMessage(null);
            setPageComplete(true);
        } catch (IllegalArgumentException e) {
            plan = null;
            setErrorMessage(e.getMessage());
            setPageComplete(false);
        }
    }

    StagePlan plan() {
        return plan;
    }

    Text getLadderText() {
        return ladder;
    }
}

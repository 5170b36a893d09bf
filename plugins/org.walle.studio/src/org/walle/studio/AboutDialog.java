package org.walle.studio;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/** Shows the product, engine, platform and Java versions. */
public class AboutDialog extends Dialog {
    private Table versions;

    public AboutDialog(Shell parent) {
        super(parent);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.aboutTitle);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Label blurb = new Label(area, SWT.WRAP);
        blurb.setText(Messages.aboutText);
        blurb.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        versions = new Table(area, SWT.BORDER | SWT.FULL_SELECTION);
        versions.setHeaderVisible(true);
        versions.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        new TableColumn(versions, SWT.NONE).setText(Messages.aboutComponent);
        new TableColumn(versions, SWT.NONE).setText(Messages.aboutVersion);
        for (StudioVersions.Entry entry : StudioVersions.all()) {
            TableItem item = new TableItem(versions, SWT.NONE);
            item.setText(new String[] {entry.component(), entry.version()});
        }
        for (TableColumn column : versions.getColumns()) {
            column.pack();
        }
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.OK_LABEL, true);
    }

    /** The version table, for tests. */
    public Table getVersionTable() {
        return versions;
    }
}

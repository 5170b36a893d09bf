package org.walle.deploy.ui;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.walle.deploy.ui.internal.server.ServerLog;

/** The embedded server's log file, read-only, scrolled to its end; modeless so the studio stays usable. */
final class LogDialog extends Dialog {
    private final ServerLog log;
    private Text text;

    LogDialog(Shell parent, ServerLog log) {
        super(parent);
        this.log = log;
        setShellStyle(SWT.DIALOG_TRIM | SWT.RESIZE | SWT.MODELESS);
        setBlockOnOpen(false);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(NLS.bind(Messages.LogDialog_title, log.file()));
    }

    @Override
    protected Point getInitialSize() {
        return new Point(900, 500);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        text = new Text(area, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        text.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        text.setFont(parent.getDisplay().getSystemFont());
        try {
            text.setText(log.read());
        } catch (IOException e) {
            text.setText("cannot read " + log.file() + ": " + e.getMessage());
        }
        text.setSelection(text.getCharCount());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        close();
    }

    Path file() {
        return log.file();
    }

    Text getText() {
        return text;
    }
}

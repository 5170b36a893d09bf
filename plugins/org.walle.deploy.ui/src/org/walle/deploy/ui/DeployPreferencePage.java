package org.walle.deploy.ui;

import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.walle.deploy.ui.internal.server.ServerState;

/** Port, data folder and autostart of the embedded deployment server. */
public final class DeployPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {
    public static final String ID = "org.walle.deploy.ui.preferences";

    public DeployPreferencePage() {
        super(GRID);
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(Activator.getDefault().getPreferenceStore());
        setDescription(Messages.Preferences_description);
    }

    @Override
    protected void createFieldEditors() {
        IntegerFieldEditor port = new IntegerFieldEditor(DeployPreferences.PORT, Messages.Preferences_port,
                getFieldEditorParent(), 5);
        port.setValidRange(0, 65535);
        addField(port);
        addField(new StringFieldEditor(DeployPreferences.DATA_DIR, Messages.Preferences_dataDir,
                getFieldEditorParent()));
        Label hint = new Label(getFieldEditorParent(), SWT.WRAP);
        hint.setText(NLS.bind(Messages.Preferences_dataDirDefault, DeployPreferences.defaultDataDir()));
        hint.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        addField(new BooleanFieldEditor(DeployPreferences.AUTOSTART, Messages.Preferences_autostart,
                getFieldEditorParent()));
        if (Activator.getDefault().registry().embedded().state() == ServerState.RUNNING) {
            Label note = new Label(getFieldEditorParent(), SWT.WRAP);
            note.setText(Messages.Preferences_restartNote);
            note.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        }
    }
}

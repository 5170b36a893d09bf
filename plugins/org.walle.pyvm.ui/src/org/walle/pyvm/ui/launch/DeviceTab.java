package org.walle.pyvm.ui.launch;

import java.io.IOException;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.events.SelectionListener;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.walle.device.DeviceProfile;
import org.walle.device.DeviceProfiles;

/** The emulated device: a built-in profile or a profile JSON file, with the resolved profile shown below. */
public final class DeviceTab extends AbstractLaunchConfigurationTab {
    private Combo profile;
    private Text details;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(4, false));
        new Label(c, SWT.NONE).setText(Messages.Tab_profile);
        profile = new Combo(c, SWT.DROP_DOWN);
        profile.setData(TaskTab.WIDGET_KEY, "profile");
        TaskLaunchSettings.builtInNames().forEach(profile::add);
        profile.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        profile.addModifyListener(e -> updateLaunchConfigurationDialog());
        createPushButton(c, Messages.Tab_browseWorkspace, null).addSelectionListener(
                SelectionListener.widgetSelectedAdapter(e -> choose(FileChoosers.workspaceFile(getShell(),
                        Messages.Tab_profile))));
        createPushButton(c, Messages.Tab_browseDisk, null).addSelectionListener(
                SelectionListener.widgetSelectedAdapter(e -> choose(FileChoosers.diskFile(getShell(), "json"))));
        details = new Text(c, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.BORDER);
        details.setFont(JFaceResources.getTextFont());
        details.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        setControl(c);
    }

    private void choose(String file) {
        if (file != null) {
            profile.setText(file);
        }
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy wc) {
        wc.setAttribute(TaskLaunch.ATTR_PROFILE, TaskLaunch.DEFAULT_PROFILE);
    }

    @Override
    public void initializeFrom(ILaunchConfiguration config) {
        try {
            profile.setText(TaskLaunchSettings.read(config).profile());
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy wc) {
        wc.setAttribute(TaskLaunch.ATTR_PROFILE, profile.getText().trim());
    }

    @Override
    public boolean isValid(ILaunchConfiguration config) {
        setErrorMessage(null);
        try {
            TaskLaunchSettings s = TaskLaunchSettings.read(config);
            String problem = s.profileProblem();
            setErrorMessage(problem);
            showDetails(problem == null ? s.resolveProfile() : null);
            return problem == null;
        } catch (CoreException | IOException | RuntimeException e) {
            setErrorMessage(e.getMessage());
            showDetails(null);
            return false;
        }
    }

    private void showDetails(DeviceProfile p) {
        if (details != null && !details.isDisposed()) {
            details.setText(p == null ? "" : DeviceProfiles.toJson(p));
        }
    }

    @Override
    public String getName() {
        return Messages.Tab_device;
    }
}

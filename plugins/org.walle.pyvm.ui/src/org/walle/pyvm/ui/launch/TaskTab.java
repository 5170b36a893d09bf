package org.walle.pyvm.ui.launch;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.events.SelectionListener;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.ElementTreeSelectionDialog;
import org.eclipse.ui.model.BaseWorkbenchContentProvider;
import org.eclipse.ui.model.WorkbenchLabelProvider;
import org.walle.pyvm.ui.internal.RunMode;

/** The task folder (a workspace folder with task.json, chosen from the workspace) and the run mode. */
public final class TaskTab extends AbstractLaunchConfigurationTab {
    /** Widget data key naming the tab's controls, for UI tests. */
    public static final String WIDGET_KEY = "org.walle.widget";
    private Text folder;
    private Combo mode;

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        new Label(c, SWT.NONE).setText(Messages.Tab_taskFolder);
        folder = new Text(c, SWT.BORDER);
        folder.setData(WIDGET_KEY, "taskFolder");
        folder.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        folder.addModifyListener(e -> updateLaunchConfigurationDialog());
        Button browse = createPushButton(c, Messages.Tab_browseWorkspace, null);
        browse.addSelectionListener(SelectionListener.widgetSelectedAdapter(e -> browse()));

        new Label(c, SWT.NONE).setText(Messages.Tab_runMode);
        mode = new Combo(c, SWT.READ_ONLY);
        mode.setItems(Messages.Tab_modeAll, Messages.Tab_modeStopOnError, Messages.Tab_modeFirstRun);
        mode.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        mode.addModifyListener(e -> updateLaunchConfigurationDialog());
        setControl(c);
    }

    private void browse() {
        ElementTreeSelectionDialog dialog = new ElementTreeSelectionDialog(getShell(), new WorkbenchLabelProvider(),
                new BaseWorkbenchContentProvider());
        dialog.setTitle(Messages.Tab_chooseTask);
        dialog.setMessage(Messages.Tab_chooseTaskMessage);
        dialog.setInput(ResourcesPlugin.getWorkspace().getRoot());
        dialog.addFilter(new ViewerFilter() {
            @Override
            public boolean select(Viewer viewer, Object parent, Object element) {
                return element instanceof IContainer;
            }
        });
        dialog.setValidator(selection -> selection.length == 1 && selection[0] instanceof IContainer c
                && c.getFile(IPath.fromPortableString("task.json")).exists() ? Status.OK_STATUS
                        : Status.error(Messages.Tab_chooseTaskMessage));
        if (dialog.open() == ElementTreeSelectionDialog.OK && dialog.getFirstResult() instanceof IResource r) {
            folder.setText(r.getFullPath().toString());
        }
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy wc) {
        TaskLaunchSettings.setDefaults(wc, "");
    }

    @Override
    public void initializeFrom(ILaunchConfiguration config) {
        try {
            TaskLaunchSettings s = TaskLaunchSettings.read(config);
            folder.setText(s.taskFolder());
            RunMode m;
            try {
                m = s.mode();
            } catch (IllegalArgumentException unknown) {
                m = RunMode.ALL;
            }
            mode.select(m.ordinal());
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy wc) {
        wc.setAttribute(TaskLaunch.ATTR_TASK_FOLDER, folder.getText().trim());
        int i = Math.max(mode.getSelectionIndex(), 0);
        wc.setAttribute(TaskLaunch.ATTR_RUN_MODE, RunMode.values()[i].name());
    }

    @Override
    public boolean isValid(ILaunchConfiguration config) {
        setErrorMessage(null);
        try {
            String problem = TaskLaunchSettings.read(config).taskFolderProblem();
            setErrorMessage(problem);
            return problem == null;
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
            return false;
        }
    }

    @Override
    public String getName() {
        return Messages.Tab_task;
    }

    /** A task folder for a new configuration: the selected task folder, task.json or script, if any. */
    static String taskFolderOf(IResource r) {
        IContainer c = r instanceof IFile f ? f.getParent() : r instanceof IContainer k ? k : null;
        return c != null && c.getFile(IPath.fromPortableString("task.json")).exists() ? c.getFullPath().toString()
                : null;
    }
}

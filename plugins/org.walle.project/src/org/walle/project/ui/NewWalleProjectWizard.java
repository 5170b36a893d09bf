package org.walle.project.ui;

import java.lang.reflect.InvocationTargetException;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.actions.WorkspaceModifyOperation;
import org.eclipse.ui.wizards.newresource.BasicNewResourceWizard;
import org.walle.project.NewWalleProject;

/**
 * File > New > Walle Project: one page (name, location, sample task id); Finish creates the project, its sample
 * task and walle.project in a WorkspaceModifyOperation with progress, then selects the project in the explorer.
 */
public final class NewWalleProjectWizard extends Wizard implements INewWizard {
    public static final String ID = "org.walle.project.newProjectWizard";
    private final NewWalleProjectPage page = new NewWalleProjectPage();
    private IWorkbench workbench;
    private IProject created;

    public NewWalleProjectWizard() {
        setWindowTitle(Messages.wizardTitle);
        setNeedsProgressMonitor(true);
    }

    @Override
    public void init(IWorkbench workbench, IStructuredSelection selection) {
        this.workbench = workbench;
    }

    @Override
    public void addPages() {
        addPage(page);
    }

    @Override
    public boolean performFinish() {
        NewWalleProject spec = page.spec();
        WorkspaceModifyOperation op = new WorkspaceModifyOperation() {
            @Override
            protected void execute(IProgressMonitor monitor) throws CoreException {
                created = spec.create(monitor);
            }
        };
        try {
            getContainer().run(true, true, op);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            page.setErrorMessage(Messages.bind(Messages.finishFailed, cause.getMessage()));
            return false;
        } catch (InterruptedException e) {
            return false; // cancelled: create() removed the half-made project
        }
        if (workbench != null && workbench.getActiveWorkbenchWindow() != null) {
            BasicNewResourceWizard.selectAndReveal(created, workbench.getActiveWorkbenchWindow());
        }
        return true;
    }

    /** The project Finish created (null before). */
    public IProject createdProject() {
        return created;
    }

    NewWalleProjectPage page() {
        return page;
    }
}

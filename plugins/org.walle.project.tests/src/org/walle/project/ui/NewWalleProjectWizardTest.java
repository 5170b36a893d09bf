package org.walle.project.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.wizards.IWizardDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.walle.project.Messages;
import org.walle.project.WalleProjectFiles;
import org.walle.project.WalleProjectModel;
import org.walle.project.WalleProjects;
import org.walle.ui.testsupport.UiWait;
import org.walle.ui.testsupport.Screenshots;

/**
 * Drives the New Walle Project wizard's real widgets: bad names show the page error and keep Finish disabled, a
 * good one creates the project with nature, walle.project and the sample task. Saves the wizard's screenshot.
 */
class NewWalleProjectWizardTest {
    private static final long FINISH_MS = 120_000;
    private static final String NAME = "shop-demo";
    private Dialog dialog;
    private NewWalleProjectPage page;

    /** Exposes the dialog's buttons, which WizardDialog keeps protected. */
    private static final class Dialog extends WizardDialog {
        Dialog(Shell parent, NewWalleProjectWizard wizard) {
            super(parent, wizard);
        }

        Button button(int id) {
            return getButton(id);
        }
    }

    @BeforeEach
    void open() throws Exception {
        org.walle.project.Projects.waitForStartup();
        IWizardDescriptor d = PlatformUI.getWorkbench().getNewWizardRegistry()
                .findWizard(NewWalleProjectWizard.ID);
        NewWalleProjectWizard wizard = (NewWalleProjectWizard) d.createWizard();
        wizard.init(PlatformUI.getWorkbench(), StructuredSelection.EMPTY);
        dialog = new Dialog(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), wizard);
        dialog.setBlockOnOpen(false);
        dialog.open();
        page = wizard.page();
    }

    @AfterEach
    void close() throws CoreException {
        if (dialog.getShell() != null && !dialog.getShell().isDisposed()) {
            dialog.close();
        }
        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(NAME);
        if (p.exists()) {
            p.delete(true, true, null);
        }
    }

    private Button finish() {
        return dialog.button(IDialogConstants.FINISH_ID);
    }

    private static void type(Text field, String text) {
        field.setFocus();
        field.setText(text); // fires the same ModifyEvent as keystrokes
    }

    @Test
    void invalidInputShowsTheErrorAndKeepsFinishDisabled() throws Exception {
        assertFalse(finish().isEnabled(), "nothing typed yet");
        type(page.nameText(), "bad/name");
        assertTrue(page.getErrorMessage() != null && page.getErrorMessage().contains("/"), page.getErrorMessage());
        assertFalse(finish().isEnabled());
        type(page.nameText(), "");
        assertEquals(Messages.ruleNameEmpty, page.getErrorMessage());
        assertFalse(finish().isEnabled());

        IProject other = org.walle.project.Projects.create("already-here");
        try {
            type(page.nameText(), "Already-Here");
            assertEquals(Messages.bind(Messages.ruleNameExists, "already-here"), page.getErrorMessage());
            assertFalse(finish().isEnabled());
        } finally {
            other.delete(true, true, null);
        }
        type(page.nameText(), NAME);
        type(page.taskIdText(), "Not An Id");
        assertEquals(Messages.bind(Messages.ruleTaskIdInvalid, "Not An Id"), page.getErrorMessage());
        assertFalse(finish().isEnabled());
        Screenshots.save(dialog.getShell(), "studio-new-project-error.png");

        page.useDefaultButton().setSelection(false);
        page.useDefaultButton().notifyListeners(SWT.Selection, new Event());
        type(page.taskIdText(), "ok-task");
        type(page.locationText(), "relative/folder");
        assertEquals(Messages.ruleLocationAbsolute, page.getErrorMessage());
        assertFalse(finish().isEnabled());
    }

    @Test
    void validInputFinishesIntoAWorkingProject() throws Exception {
        type(page.nameText(), NAME);
        assertNull(page.getErrorMessage());
        assertTrue(page.locationText().getText().endsWith(NAME), "the default location follows the name");
        assertEquals(org.walle.project.ui.Messages.defaultTaskId, page.taskIdText().getText());
        type(page.taskIdText(), "cart-scorer");
        assertTrue(finish().isEnabled());
        dialog.getShell().setSize(760, 470); // wide enough to read the default location
        Screenshots.save(dialog.getShell(), "studio-new-project.png");

        finish().notifyListeners(SWT.Selection, new Event());
        UiWait.until("the wizard to close", () -> dialog.getShell() == null, FINISH_MS);

        IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(NAME);
        assertTrue(p.isOpen());
        assertTrue(p.hasNature(WalleProjects.NATURE_ID));
        WalleProjectModel model = WalleProjectFiles.load(p);
        assertEquals("tasks/cart-scorer", model.task("cart-scorer").orElseThrow().folder());
        for (String f : new String[] { "task.json", "main.py", "features.py", "labels.txt", "intent.onnx" }) {
            assertTrue(p.getFile("tasks/cart-scorer/" + f).exists(), f);
        }
    }
}

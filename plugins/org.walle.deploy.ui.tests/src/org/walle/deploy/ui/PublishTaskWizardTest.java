package org.walle.deploy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.deploy.ui.internal.server.EmbeddedServer;
import org.walle.ui.testsupport.UiWait;

/**
 * Publishes a real task folder to the embedded server through the wizard's widgets. Hostile input typed into the
 * folder field: a path that does not exist, a folder without task.json, a task.json with a missing entry script.
 */
class PublishTaskWizardTest {
    @TempDir
    Path data;
    @TempDir
    Path work;
    private ServersView view;
    private EmbeddedServer embedded;
    private IPreferenceStore prefs;
    private WizardDialog dialog;

    @BeforeEach
    void startServer() throws Exception {
        prefs = Activator.getDefault().getPreferenceStore();
        prefs.setValue(DeployPreferences.AUTOSTART, false);
        prefs.setValue(DeployPreferences.DATA_DIR, data.toString());
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            prefs.setValue(DeployPreferences.PORT, s.getLocalPort());
        }
        embedded = Activator.getDefault().registry().embedded();
        UiWait.until("start/stop jobs to finish", () -> Job.getJobManager().find(ServerJobs.FAMILY).length == 0,
                60_000);
        embedded.stop();
        view = (ServersView) PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage()
                .showView(ServersView.ID);
        view.getStartButton().notifyListeners(SWT.Selection, new Event());
        UiWait.until("the server running", () -> "running".equals(cell(ServerLabels.STATUS)), 60_000);
        System.setProperty(ServersView.NON_BLOCKING_DIALOGS, "true");
    }

    @AfterEach
    void stopServer() {
        System.clearProperty(ServersView.NON_BLOCKING_DIALOGS);
        if (dialog != null && dialog.getShell() != null && !dialog.getShell().isDisposed()) {
            dialog.close();
        }
        embedded.stop();
        prefs.setToDefault(DeployPreferences.PORT);
        prefs.setToDefault(DeployPreferences.DATA_DIR);
    }

    @Test
    void publishesAValidTaskAndRejectsBrokenOnesAsTheUserTypes() throws Exception {
        Path task = taskFolder("hello-task", "1.2.0", true);
        Path broken = taskFolder("broken-task", "1.0.0", false);
        Path empty = Files.createDirectories(work.resolve("empty"));

        view.getPublishButton().notifyListeners(SWT.Selection, new Event());
        dialog = view.getPublishDialog();
        assertNotNull(dialog);
        PublishTaskWizard wizard = (PublishTaskWizard) dialog.getCurrentPage().getWizard();
        PublishTaskPage page = wizard.page();
        assertFalse(page.isPageComplete(), "nothing chosen yet");

        page.getFolderText().setText(work.resolve("missing").toString());
        assertTrue(page.getErrorMessage().startsWith(Messages.Publish_notAFolder), page.getErrorMessage());
        page.getFolderText().setText(empty.toString());
        assertTrue(page.getErrorMessage().contains("task.json"), page.getErrorMessage());
        page.getFolderText().setText(broken.toString());
        assertTrue(page.getErrorMessage().contains("main.py"), page.getErrorMessage());
        assertFalse(page.isPageComplete());

        page.getFolderText().setText(task.toString());
        assertEquals(null, page.getErrorMessage());
        assertEquals("1.2.0", page.getVersionText().getText(), "the version comes from task.json");
        assertTrue(page.isPageComplete());

        press(dialog.getShell(), IDialogConstants.FINISH_LABEL);
        UiWait.until("the wizard to close", () -> dialog.getShell() == null || dialog.getShell().isDisposed(),
                60_000);
        assertNotNull(wizard.published(), "Finish should have published");
        assertEquals("hello-task", wizard.published().taskId());
        assertTrue(wizard.published().releaseId() > 0);
        assertTrue(wizard.published().bundleSha256().matches("[0-9a-f]{64}"), wizard.published().bundleSha256());
        UiWait.until("one task and one release in the view", () -> "1".equals(cell(ServerLabels.TASKS))
                && "1".equals(cell(ServerLabels.RELEASES)), 30_000);
    }

    private Path taskFolder(String id, String version, boolean withEntry) throws IOException {
        return taskFolder(work, id, version, withEntry);
    }

    /** A task folder under {@code work}; without the entry script it is a broken package. */
    static Path taskFolder(Path work, String id, String version, boolean withEntry) throws IOException {
        Path dir = Files.createDirectories(work.resolve(id));
        Files.writeString(dir.resolve("task.json"), "{\"id\": \"" + id + "\", \"version\": \"" + version
                + "\", \"entry\": \"main.py\"}");
        if (withEntry) {
            Files.writeString(dir.resolve("main.py"), "def on_trigger(event):\n    return {'ok': True}\n");
        }
        return dir;
    }

    private String cell(int column) {
        return view.getViewer().getTable().getItem(0).getText(column);
    }

    static void press(Control root, String label) {
        Button b = find(root, label);
        assertNotNull(b, "no button " + label);
        assertTrue(b.isEnabled(), label + " should be enabled");
        b.notifyListeners(SWT.Selection, new Event());
    }

    static Button find(Control c, String label) {
        if (c instanceof Button b && label.equals(b.getText())) {
            return b;
        }
        if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                Button found = find(child, label);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}

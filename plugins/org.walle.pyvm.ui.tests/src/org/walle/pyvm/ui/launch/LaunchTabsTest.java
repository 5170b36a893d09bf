package org.walle.pyvm.ui.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.resources.IFolder;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.ILaunchConfigurationTab;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.walle.pyvm.ui.TestFixtures;
import org.walle.pyvm.ui.UiDriver;

/**
 * The tabs of a "Walle Task" configuration validate as the user types: on real widgets in a shell (each hostile
 * value gets its message) and in the Run Configurations dialog itself.
 */
class LaunchTabsTest {
    private static final String PROJECT = "tabs-test";
    private IFolder task;
    private Shell shell;

    @BeforeEach
    void open() throws Exception {
        task = TestFixtures.sampleProject(PROJECT);
    }

    @AfterEach
    void close() throws Exception {
        if (shell != null) {
            shell.dispose();
        }
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        for (ILaunchConfiguration c : manager.getLaunchConfigurations(
                manager.getLaunchConfigurationType(TaskLaunch.TYPE_ID))) {
            c.delete();
        }
        TestFixtures.deleteProject(PROJECT);
    }

    private ILaunchConfigurationWorkingCopy workingCopy() throws Exception {
        return TaskLaunchTest.config("tabs", task.getFullPath().toString(), "mid").getWorkingCopy();
    }

    /** Creates the tab on a shell and loads {@code wc} into it. */
    private <T extends ILaunchConfigurationTab> T show(T tab, ILaunchConfigurationWorkingCopy wc) {
        shell = new Shell(Display.getCurrent());
        tab.createControl(shell);
        tab.initializeFrom(wc);
        return tab;
    }

    /** What the dialog does on every keystroke: apply the widgets to the copy, then validate. */
    private static boolean typed(ILaunchConfigurationTab tab, ILaunchConfigurationWorkingCopy wc) {
        tab.performApply(wc);
        return tab.isValid(wc);
    }

    @Test
    void taskTabNamesEachProblemOfTheFolder() throws Exception {
        ILaunchConfigurationWorkingCopy wc = workingCopy();
        TaskTab tab = show(new TaskTab(), wc);
        Text folder = (Text) org.walle.pyvm.ui.launch.WidgetsAccess.withData(shell, "taskFolder");
        assertTrue(typed(tab, wc), String.valueOf(tab.getErrorMessage()));
        assertNull(tab.getErrorMessage());

        folder.setText("");
        assertFalse(typed(tab, wc));
        assertEquals(Messages.Launch_noTaskFolder, tab.getErrorMessage());

        folder.setText("/" + PROJECT + "/nosuch");
        assertFalse(typed(tab, wc));
        assertEquals(NLS.bind(Messages.Launch_taskFolderMissing, "/" + PROJECT + "/nosuch"), tab.getErrorMessage());

        folder.setText("/" + PROJECT); // a folder, but not a task
        assertFalse(typed(tab, wc));
        assertEquals(NLS.bind(Messages.Launch_noTaskJson, "/" + PROJECT), tab.getErrorMessage());

        folder.setText("/" + PROJECT + "/cart-watcher/main.py");
        assertFalse(typed(tab, wc));
        assertEquals(NLS.bind(Messages.Launch_notAFolder, "/" + PROJECT + "/cart-watcher/main.py"),
                tab.getErrorMessage());

        folder.setText(task.getFullPath().toString());
        assertTrue(typed(tab, wc));
        assertEquals(task.getFullPath().toString(), wc.getAttribute(TaskLaunch.ATTR_TASK_FOLDER, ""));
    }

    @Test
    void deviceTabAcceptsBuiltInsAndProfileFilesAndNamesBadFields() throws Exception {
        ILaunchConfigurationWorkingCopy wc = workingCopy();
        DeviceTab tab = show(new DeviceTab(), wc);
        Combo profile = (Combo) WidgetsAccess.withData(shell, "profile");
        assertEquals(java.util.List.of("low", "mid", "high"), java.util.List.of(profile.getItems()));
        profile.setText("high");
        assertTrue(typed(tab, wc), String.valueOf(tab.getErrorMessage()));

        profile.setText("tablet"); // hostile: neither built in nor a file
        assertFalse(typed(tab, wc));
        assertTrue(tab.getErrorMessage().startsWith(NLS.bind(Messages.Launch_badProfile, "tablet", "")),
                tab.getErrorMessage());

        // a profile file in the workspace with a bad tier and an unknown field
        TestFixtures.write(createFile("phone.json"), "{\"name\": \"phone\", \"model\": \"m\", \"os\": \"android\","
                + " \"osVersion\": \"13\", \"appVersion\": \"2.3.0\", \"tier\": \"ultra\", \"region\": \"eu\","
                + " \"userGroup\": \"beta\", \"backends\": [\"reference\"], \"speedFactor\": 0.5, \"colour\": 1}");
        profile.setText("/" + PROJECT + "/phone.json");
        assertFalse(typed(tab, wc));
        assertTrue(tab.getErrorMessage().contains("tier") && tab.getErrorMessage().contains("colour"),
                tab.getErrorMessage());

        TestFixtures.write(task.getProject().getFile("phone.json"), "{\"name\": \"phone\", \"model\": \"m\","
                + " \"os\": \"android\", \"osVersion\": \"13\", \"appVersion\": \"2.3.0\", \"tier\": \"mid\","
                + " \"region\": \"eu\", \"userGroup\": \"beta\", \"backends\": [\"reference\"], \"speedFactor\": 0.5}");
        assertTrue(typed(tab, wc), String.valueOf(tab.getErrorMessage()));
    }

    private org.eclipse.core.resources.IFile createFile(String name) throws Exception {
        org.eclipse.core.resources.IFile f = task.getProject().getFile(name);
        f.create(new java.io.ByteArrayInputStream(new byte[0]), true, null);
        return f;
    }

    @Test
    void eventsTabChecksTheRecordingAndTheMix() throws Exception {
        ILaunchConfigurationWorkingCopy wc = workingCopy();
        EventsTab tab = show(new EventsTab(), wc);
        assertTrue(typed(tab, wc), String.valueOf(tab.getErrorMessage()));
        assertEquals(java.util.List.of(), wc.getAttribute(TaskLaunch.ATTR_EVENT_MIX, java.util.List.of("x")),
                "all kinds checked is stored as no filter");

        Button recorded = null;
        for (org.eclipse.swt.widgets.Control c : WidgetsAccess.all(shell)) {
            if (c instanceof Button b && (b.getStyle() & SWT.RADIO) != 0 && b.getText().equals(Messages.Tab_recorded)) {
                recorded = b;
            }
        }
        assertNotNull(recorded);
        Button generated = (Button) WidgetsAccess.all(shell).stream().filter(c -> c instanceof Button b
                && b.getText().equals(Messages.Tab_generated)).findFirst().orElseThrow();
        generated.setSelection(false);
        recorded.setSelection(true);
        Text file = (Text) WidgetsAccess.withData(shell, "eventsFile");
        file.setText("");
        assertFalse(typed(tab, wc));
        assertEquals(Messages.Launch_noEventsFile, tab.getErrorMessage());

        file.setText("/" + PROJECT + "/none.jsonl"); // hostile: the file does not exist
        assertFalse(typed(tab, wc));
        assertEquals(NLS.bind(Messages.Launch_unreadableEvents, "/" + PROJECT + "/none.jsonl"), tab.getErrorMessage());

        org.eclipse.core.resources.IFile jsonl = createFile("events.jsonl");
        file.setText(jsonl.getFullPath().toString());
        assertTrue(typed(tab, wc), String.valueOf(tab.getErrorMessage()));
        assertFalse(wc.getAttribute(TaskLaunch.ATTR_GENERATED, true));
    }

    @Test
    void runConfigurationsDialogShowsTheMissingFolderAndClearsItAsTheUserTypes() throws Exception {
        ILaunchConfigurationWorkingCopy wc = workingCopy();
        wc.setAttribute(TaskLaunch.ATTR_TASK_FOLDER, "/" + PROJECT + "/gone");
        ILaunchConfiguration config = wc.doSave();
        Shell window = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        String missing = NLS.bind(Messages.Launch_taskFolderMissing, "/" + PROJECT + "/gone");
        AtomicReference<Shell> dialog = new AtomicReference<>();
        UiDriver.withModal(() -> DebugUITools.openLaunchConfigurationDialogOnGroup(window,
                new StructuredSelection(config), IDebugUIConstants.ID_RUN_LAUNCH_GROUP), ui -> {
                    ui.until("the Run Configurations dialog", () -> WidgetsAccess.shell("Run Configurations") != null,
                            60_000);
                    Shell d = ui.ui(() -> WidgetsAccess.shell("Run Configurations"));
                    dialog.set(d);
                    ui.run(() -> d.setSize(1000, 720));
                    ui.until("the missing folder message", () -> WidgetsAccess.visibleText(d).contains(missing),
                            30_000);
                    Button run = ui.ui(() -> WidgetsAccess.button(d, "Run"));
                    assertNotNull(run);
                    assertFalse(ui.ui(run::isEnabled), "Run is disabled while the configuration is invalid");
                    ui.run(() -> screenshot(d, "launch-config-error.png"));

                    // the user types a valid task folder: the message goes away and Run is enabled
                    ui.run(() -> ((Text) WidgetsAccess.withData(d, "taskFolder")).setText(
                            task.getFullPath().toString()));
                    ui.until("the message to clear",
                            () -> !WidgetsAccess.visibleText(d).contains(missing) && run.isEnabled(), 30_000);
                    ui.run(() -> screenshot(d, "studio-launch-config.png"));
                }, ui -> {
                    Shell d = dialog.get() != null ? dialog.get()
                            : ui.ui(() -> WidgetsAccess.shell("Run Configurations"));
                    if (d == null) {
                        return;
                    }
                    // Apply first: closing a changed configuration would ask whether to save it
                    ui.run(() -> press(WidgetsAccess.button(d, "Apply")));
                    ui.run(() -> press(WidgetsAccess.button(d, "Close")));
                });
        assertEquals(task.getFullPath().toString(), config.getAttribute(TaskLaunch.ATTR_TASK_FOLDER, ""),
                "Apply saved what the user typed");
    }

    private static void press(Button b) {
        if (b != null && !b.isDisposed() && b.isEnabled()) {
            b.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
        }
    }

    private static void screenshot(Shell s, String name) {
        try {
            TestFixtures.screenshot(s, name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

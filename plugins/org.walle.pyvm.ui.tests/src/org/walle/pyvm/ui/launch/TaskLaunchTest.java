package org.walle.pyvm.ui.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.core.resources.IFolder;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.osgi.util.NLS;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsoleConstants;
import org.eclipse.ui.console.IHyperlink;
import org.eclipse.ui.console.TextConsole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.walle.pyvm.ui.PythonEditor;
import org.walle.pyvm.ui.TestFixtures;

/**
 * Launches "Walle Task" configurations created through the launch manager: the task runs on the device emulator
 * and the Console view shows its output; a failing script's error line links to the script line; terminate stops
 * a long run; an invalid configuration is refused with the problem named.
 */
class TaskLaunchTest {
    /** Jython start plus a few task runs on a loaded CI machine. */
    private static final long RUN_MS = 300_000;
    private static final String PROJECT = "launch-test";

    private IWorkbenchPage page;
    private IFolder task;

    @BeforeEach
    void open() throws Exception {
        page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        task = TestFixtures.sampleProject(PROJECT);
    }

    @AfterEach
    void close() throws Exception {
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        for (ILaunch l : manager.getLaunches()) {
            if (!l.isTerminated()) {
                l.terminate();
            }
        }
        for (ILaunch l : manager.getLaunches()) {
            TestFixtures.waitUntil("the launch to end", l::isTerminated, RUN_MS);
            manager.removeLaunch(l);
        }
        for (ILaunchConfiguration c : manager.getLaunchConfigurations(
                manager.getLaunchConfigurationType(TaskLaunch.TYPE_ID))) {
            c.delete();
        }
        page.closeAllEditors(false);
        TestFixtures.deleteProject(PROJECT);
    }

    static ILaunchConfiguration config(String name, String taskFolder, String profile) throws CoreException {
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationWorkingCopy wc = manager.getLaunchConfigurationType(TaskLaunch.TYPE_ID)
                .newInstance(null, manager.generateLaunchConfigurationName(name));
        TaskLaunchSettings.setDefaults(wc, taskFolder);
        wc.setAttribute(TaskLaunch.ATTR_PROFILE, profile);
        return wc.doSave();
    }

    private static TextConsole consoleOf(IProcess process) {
        TestFixtures.waitUntil("the process console", () -> DebugUITools.getConsole(process) != null, 60_000);
        return (TextConsole) DebugUITools.getConsole(process);
    }

    @Test
    void runsTheTaskAndShowsItsOutputInTheConsole() throws Exception {
        ILaunchConfiguration config = config("cart", task.getFullPath().toString(), "low");
        ILaunch launch = config.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
        assertEquals(1, launch.getProcesses().length);
        IProcess process = launch.getProcesses()[0];
        assertEquals(TaskLaunch.PROCESS_TYPE, process.getAttribute(IProcess.ATTR_PROCESS_TYPE));
        TestFixtures.waitUntil("the run to end", process::isTerminated, RUN_MS);
        assertEquals(TaskLaunchDelegate.EXIT_OK, process.getExitValue());

        TextConsole console = consoleOf(process);
        TestFixtures.waitUntil("the summary in the console",
                () -> console.getDocument().get().contains("finished: "), 60_000);
        String text = console.getDocument().get();
        assertTrue(text.contains("installed cart-watcher@1.0.0 on a low device"), text);
        assertTrue(text.contains("stream: 62 generated events (seed 1, 3 sessions)"), text);
        assertTrue(text.contains("fired cart-watcher#added-to-cart on [click_item@"), text);
        assertTrue(text.contains("  | cart #1 after click_item, add_to_cart"), text);
        assertTrue(text.contains("  result carts = 1"), text);
        assertTrue(text.contains("  feature best = 1"), text);
        assertTrue(text.contains("cart-watcher@1.0.0 ok in "), text);
        assertTrue(text.contains("ms on the low device"), text);
        assertTrue(text.contains("finished: 1 fired, 1 runs, 0 errors, 0 events left"), text);

        IViewPart view = page.showView(IConsoleConstants.ID_CONSOLE_VIEW);
        ConsolePlugin.getDefault().getConsoleManager().showConsoleView(console);
        IWorkbenchPartReference ref = page.getReference(view);
        page.setPartState(ref, IWorkbenchPage.STATE_MAXIMIZED);
        try {
            TestFixtures.screenshot(page.getWorkbenchWindow().getShell(), "studio-task-console.png");
        } finally {
            page.setPartState(ref, IWorkbenchPage.STATE_RESTORED);
        }
    }

    @Test
    void failingScriptLinksItsErrorLineToTheScript() throws Exception {
        TestFixtures.write(task.getFile("main.py"), "import walle\n\n\ndef ratio(n):\n    return 10 / n\n\n\n"
                + "print('before the error')\nratio(walle.events.count() - 2)\n");
        ILaunchConfiguration config = config("failing", task.getFullPath().toString(), "mid");
        IProcess process = config.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor()).getProcesses()[0];
        TestFixtures.waitUntil("the run to end", process::isTerminated, RUN_MS);
        assertEquals(TaskLaunchDelegate.EXIT_TASK_FAILED, process.getExitValue());

        TextConsole console = consoleOf(process);
        String errorLine = "error in task cart-watcher: main.py:5: ZeroDivisionError";
        // the console document is filled asynchronously: the closing status line may come after the error
        TestFixtures.waitUntil("the error and the final status in the console",
                () -> console.getDocument().get().contains(errorLine)
                        && console.getDocument().get().contains("cart-watcher@1.0.0 FAILED"), 60_000);
        String text = console.getDocument().get();
        // (what the script printed before failing is not shown: the VM's TaskScriptException carries no stdout)
        assertTrue(text.contains("File \"main.py\", line 9, in <module>"), text);
        assertTrue(text.contains("cart-watcher@1.0.0 FAILED"), text);

        int offset = text.indexOf(errorLine) + "error in task cart-watcher: ".length();
        TestFixtures.waitUntil("a link on main.py:5", () -> console.getHyperlink(offset) != null, 60_000);
        IHyperlink link = console.getHyperlink(offset);
        assertTrue(link instanceof ScriptHyperlink, String.valueOf(link));
        assertEquals(task.getFile("main.py"), ((ScriptHyperlink) link).script());
        assertEquals(5, ((ScriptHyperlink) link).line());
        // the traceback's own line is linked too
        int traceOffset = text.indexOf("File \"main.py\", line 9") + 2;
        TestFixtures.waitUntil("a link on the traceback line", () -> console.getHyperlink(traceOffset) != null,
                60_000);

        link.linkActivated();
        TestFixtures.waitUntil("the editor", () -> page.getActiveEditor() instanceof PythonEditor, 30_000);
        PythonEditor editor = (PythonEditor) page.getActiveEditor();
        assertEquals(task.getFile("main.py"), editor.workspaceFile());
        ITextSelection sel = (ITextSelection) editor.getSelectionProvider().getSelection();
        assertNotNull(sel);
        assertEquals(5 - 1, sel.getStartLine());
        page.showView(IConsoleConstants.ID_CONSOLE_VIEW);
        ConsolePlugin.getDefault().getConsoleManager().showConsoleView(console);
        TestFixtures.screenshot(page.getWorkbenchWindow().getShell(), "task-console-error.png");
    }

    @Test
    void stopOnErrorModeEndsAtTheFirstFailingRun() throws Exception {
        TestFixtures.write(task.getFile("main.py"), "import walle\nraise ValueError('always')\n");
        ILaunchConfigurationWorkingCopy wc = config("stop", task.getFullPath().toString(), "high").getWorkingCopy();
        wc.setAttribute(TaskLaunch.ATTR_SESSIONS, 40); // several purchases: ALL would run the task many times
        wc.setAttribute(TaskLaunch.ATTR_RUN_MODE, "STOP_ON_ERROR");
        IProcess process = wc.doSave().launch(ILaunchManager.RUN_MODE, new NullProgressMonitor()).getProcesses()[0];
        TestFixtures.waitUntil("the run to end", process::isTerminated, RUN_MS);
        TextConsole console = consoleOf(process);
        TestFixtures.waitUntil("the summary", () -> console.getDocument().get().contains("stopped by the run mode: "),
                60_000);
        String text = console.getDocument().get();
        assertTrue(text.contains("stopped by the run mode: 1 fired, 1 runs, 1 errors, "), text);
        assertTrue(text.contains("main.py:2: ValueError: always"), text);
    }

    @Test
    void terminateStopsALongRun() throws Exception {
        ILaunchConfigurationWorkingCopy wc = config("long", task.getFullPath().toString(), "mid").getWorkingCopy();
        wc.setAttribute(TaskLaunch.ATTR_SESSIONS, 5_000); // hours of task runs
        IProcess process = wc.doSave().launch(ILaunchManager.RUN_MODE, new NullProgressMonitor()).getProcesses()[0];
        TextConsole console = consoleOf(process);
        TestFixtures.waitUntil("the stream to start", () -> console.getDocument().get().contains("generated events"),
                RUN_MS);
        assertTrue(process.canTerminate());
        process.terminate();
        TestFixtures.waitUntil("the process to end", process::isTerminated, RUN_MS);
        assertEquals(TaskLaunchDelegate.EXIT_TERMINATED, process.getExitValue());
        TestFixtures.waitUntil("the summary", () -> console.getDocument().get().contains("terminated: "), 60_000);
    }

    @Test
    void invalidConfigurationIsRefusedNamingTheProblem() throws Exception {
        // hostile configurations: a task folder that does not exist, an unknown profile, an unreadable recording
        ILaunchConfiguration missing = config("missing", "/" + PROJECT + "/nosuch", "mid");
        CoreException e = assertThrows(CoreException.class,
                () -> missing.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor()));
        assertTrue(e.getMessage().contains(NLS.bind(Messages.Launch_taskFolderMissing, "/" + PROJECT + "/nosuch")),
                e.getMessage());

        ILaunchConfiguration badProfile = config("tablet", task.getFullPath().toString(), "tablet");
        e = assertThrows(CoreException.class,
                () -> badProfile.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor()));
        assertTrue(e.getMessage().contains("Device profile tablet"), e.getMessage());

        ILaunchConfigurationWorkingCopy wc = config("rec", task.getFullPath().toString(), "mid").getWorkingCopy();
        wc.setAttribute(TaskLaunch.ATTR_GENERATED, false);
        wc.setAttribute(TaskLaunch.ATTR_EVENTS_FILE, "/" + PROJECT + "/missing.jsonl");
        ILaunchConfiguration rec = wc.doSave();
        e = assertThrows(CoreException.class, () -> rec.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor()));
        assertTrue(e.getMessage().contains(NLS.bind(Messages.Launch_unreadableEvents, "/" + PROJECT
                + "/missing.jsonl")), e.getMessage());
        assertEquals(List.of(), List.of(DebugPlugin.getDefault().getLaunchManager().getLaunches()).stream()
                .filter(l -> l.getProcesses().length > 0).toList(), "nothing ran");
    }

    @Test
    void shortcutReusesTheFoldersConfiguration() throws Exception {
        String folder = task.getFullPath().toString();
        ILaunchConfiguration first = TaskLaunchShortcut.configurationFor(folder);
        assertEquals(folder, first.getAttribute(TaskLaunch.ATTR_TASK_FOLDER, ""));
        assertEquals(first, TaskLaunchShortcut.configurationFor(folder));
        TaskResourceTester tester = new TaskResourceTester();
        assertTrue(tester.test(task, "isTaskResource", null, null));
        assertTrue(tester.test(task.getFile("main.py"), "isTaskResource", null, null));
        assertTrue(tester.test(task.getFile("task.json"), "isTaskResource", null, null));
        assertTrue(!tester.test(task.getProject(), "isTaskResource", null, null), "the project has no task.json");
    }
}

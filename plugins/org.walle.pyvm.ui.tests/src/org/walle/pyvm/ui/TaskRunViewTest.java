package org.walle.pyvm.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jface.text.ITextSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.ui.testsupport.UiWait;
import org.walle.ui.testsupport.Screenshots;

/** Runs the sample task on the device emulator through the Task Run view and reads its console. */
class TaskRunViewTest {
    /** Jython start plus a few task runs on a loaded CI machine. */
    private static final long RUN_MS = 300_000;

    @TempDir
    Path tmp;
    private IWorkbenchPage page;
    private TaskRunView view;
    private Path task;

    @BeforeEach
    void open() throws Exception {
        page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        view = (TaskRunView) page.showView(TaskRunView.ID);
        task = SampleTask.copyTo(tmp);
        view.clear();
        view.setProfile("low");
        view.setTaskFolder(task);
    }

    @AfterEach
    void close() {
        view.stop();
        UiWait.until("the run to stop", () -> !view.isRunning(), RUN_MS);
        page.closeAllEditors(false);
    }

    @Test
    void runsTheSampleTaskOnAGeneratedStream() {
        view.useGeneratedStream(1, 3);
        view.run();
        assertTrue(view.isRunning());
        assertTrue(!view.canRun(), "Run and Step are disabled while running");
        UiWait.until("the run to finish", () -> !view.isRunning(), RUN_MS);
        assertTrue(view.canRun(), "Run and Step are enabled again");
        String console = view.consoleText();
        assertTrue(console.contains("installed cart-watcher@1.0.0 on a low device"), console);
        assertTrue(console.contains("fired cart-watcher#added-to-cart on [click_item@"), console);
        assertTrue(console.contains("  | cart #1 after click_item, add_to_cart"), console);
        assertTrue(console.contains("  result carts = 1"), console);
        assertTrue(console.contains("  feature best = 1"), console);
        assertTrue(console.contains("cart-watcher@1.0.0 ok in "), console);
        assertTrue(console.contains("ms on the low device"), console);
        assertTrue(console.contains("finished: 1 fired, 1 runs, 0 errors, 0 events left"), console);
    }

    @Test
    void runsOnARecordedStream() throws Exception {
        Path jsonl = tmp.resolve("recorded.jsonl");
        Files.writeString(jsonl, String.join("\n",
                "{\"type\":\"page_enter\",\"event\":\"page_enter\",\"page\":\"home\",\"ts\":1700000000000}",
                "{\"type\":\"click\",\"event\":\"click_item\",\"page\":\"home\",\"ts\":1700000001000,"
                        + "\"args\":{\"item\":\"i1\"}}",
                "{\"type\":\"click\",\"event\":\"add_to_cart\",\"page\":\"item_detail\",\"ts\":1700000002000}",
                "{\"type\":\"click\",\"event\":\"click_item\",\"page\":\"home\",\"ts\":1700000003000}",
                "{\"type\":\"click\",\"event\":\"add_to_cart\",\"page\":\"item_detail\",\"ts\":1700000004000}",
                ""));
        view.useRecordedStream(jsonl);
        view.run();
        UiWait.until("the run to finish", () -> !view.isRunning(), RUN_MS);
        String console = view.consoleText();
        assertTrue(console.contains("stream: 5 recorded events"), console);
        assertTrue(console.contains("  | cart #2 after click_item, add_to_cart"), console);
        assertTrue(console.contains("finished: 2 fired, 2 runs, 0 errors, 0 events left"), console);
    }

    @Test
    void badRecordingNamesTheLine() throws Exception {
        // hostile recording: the second line has a string timestamp
        Path jsonl = tmp.resolve("bad.jsonl");
        Files.writeString(jsonl, "{\"type\":\"click\",\"event\":\"click_item\",\"page\":\"home\",\"ts\":1}\n"
                + "{\"type\":\"click\",\"event\":\"add_to_cart\",\"page\":\"home\",\"ts\":\"soon\"}\n");
        view.useRecordedStream(jsonl);
        view.run();
        assertTrue(!view.isRunning());
        String console = view.consoleText();
        assertTrue(console.contains(Messages.Run_failed) && console.contains("bad.jsonl:2"), console);
    }

    @Test
    void stepFeedsOneEventAtATime() {
        view.useGeneratedStream(1, 3);
        view.step();
        UiWait.until("one step", () -> !view.isRunning(), RUN_MS);
        String console = view.consoleText();
        assertTrue(console.contains("stream: 62 generated events"), console);
        assertTrue(!console.contains("finished:"), console);
        view.stop();
        assertTrue(view.consoleText().contains("stopped: 0 fired, 0 runs, 0 errors, 61 events left"),
                view.consoleText());
    }

    @Test
    void scriptErrorShowsTracebackLinkedToTheLine() throws Exception {
        Files.writeString(task.resolve("main.py"), "import walle\n\n\ndef ratio(n):\n    return 10 / n\n\n\n"
                + "print('before the error')\nratio(walle.events.count() - 2)\n");
        view.useGeneratedStream(1, 3);
        view.run();
        UiWait.until("the run to finish", () -> !view.isRunning(), RUN_MS);
        String console = view.consoleText();
        assertTrue(console.contains("main.py:5: ZeroDivisionError"), console);
        assertTrue(console.contains("File \"main.py\", line 9, in <module>"), console);
        assertTrue(console.contains("File \"main.py\", line 5, in ratio"), console);
        assertTrue(console.contains("cart-watcher@1.0.0 FAILED"), console);

        // double-click the linked error line: the editor opens at line 5
        StyledText text = view.console();
        int consoleLine = -1;
        for (int i = 0; i < text.getLineCount(); i++) {
            if (text.getLine(i).contains("main.py:5: ZeroDivisionError")) {
                consoleLine = i;
            }
        }
        assertTrue(consoleLine >= 0);
        text.setCaretOffset(text.getOffsetAtLine(consoleLine) + 2);
        Event e = new Event();
        e.button = 1;
        e.count = 2;
        text.notifyListeners(SWT.MouseDoubleClick, e);
        UiWait.until("the editor", () -> page.getActiveEditor() instanceof PythonEditor, 30_000);
        PythonEditor editor = (PythonEditor) page.getActiveEditor();
        assertEquals(task.resolve("main.py").toAbsolutePath().normalize(), editor.file());
        ITextSelection sel = (ITextSelection) editor.getSelectionProvider().getSelection();
        assertNotNull(sel);
        assertEquals(5 - 1, sel.getStartLine());
        Screenshots.save(page.getWorkbenchWindow().getShell(), "task-run-error.png");
    }

    @Test
    void invalidTaskIsReportedNotRun() throws Exception {
        // hostile package: task.json names an entry script that does not exist
        Files.writeString(task.resolve("task.json"), Files.readString(task.resolve("task.json"))
                .replace("\"entry\": \"main.py\"", "\"entry\": \"missing.py\""));
        view.useGeneratedStream(1, 3);
        view.run();
        assertTrue(!view.isRunning());
        String console = view.consoleText();
        assertTrue(console.contains(Messages.Run_failed), console);
        assertTrue(console.contains("missing.py"), console);
    }
}

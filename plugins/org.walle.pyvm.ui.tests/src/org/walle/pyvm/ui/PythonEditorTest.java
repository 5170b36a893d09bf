package org.walle.pyvm.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the real Python and task.json editors in the running workbench on a copy of the sample task. */
class PythonEditorTest {
    /** The first check initialises Jython; on a loaded CI machine that can take long. */
    private static final long CHECK_MS = 180_000;

    @TempDir
    Path tmp;
    private IWorkbenchPage page;
    private Path task;

    @BeforeEach
    void open() throws Exception {
        page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        task = SampleTask.copyTo(tmp);
    }

    @AfterEach
    void close() {
        page.closeAllEditors(false);
    }

    @Test
    void coloursKeywordsStringsAndWalleNames() {
        PythonEditor editor = (PythonEditor) TaskEditors.open(page, task.resolve("main.py"), 0);
        assertNotNull(editor);
        StyledText text = editor.viewer().getTextWidget();
        String src = text.getText();
        assertColour(text, src.indexOf("def describe"), PythonScanner.KEYWORD);
        assertColour(text, src.indexOf("class CartCounter"), PythonScanner.KEYWORD);
        assertColour(text, src.indexOf("\"cart #"), PythonScanner.STRING);
        assertColour(text, src.indexOf("'carts'") + 2, PythonScanner.STRING);
        assertColour(text, src.indexOf("walle.output.emit"), PythonScanner.WALLE);
        // an identifier containing a keyword ("in" inside "print" is not, but "count" contains no keyword) stays plain
        int plain = src.indexOf("describe(events)") + 1;
        StyleRange r = text.getStyleRangeAtOffset(plain);
        assertTrue(r == null || r.foreground == null, "describe should not be coloured: " + r);
    }

    private static void assertColour(StyledText text, int offset, org.eclipse.swt.graphics.RGB expected) {
        assertTrue(offset >= 0, "snippet not found in the sample");
        StyleRange r = text.getStyleRangeAtOffset(offset);
        assertNotNull(r, "no style at offset " + offset);
        assertEquals(expected, r.foreground.getRGB(), "colour at offset " + offset);
    }

    @Test
    void syntaxErrorOnSaveAnnotatesTheLine() throws Exception {
        PythonEditor editor = (PythonEditor) TaskEditors.open(page, task.resolve("main.py"), 0);
        UiWait.until("the check on open", () -> !editor.isChecking(), CHECK_MS);
        assertEquals(List.of(), editor.errorAnnotations(), "the sample task is valid");

        IDocument doc = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        int line = 12; // "    def bump(self):" (1-based 12) becomes a syntax error
        assertTrue(doc.get(doc.getLineOffset(line - 1), doc.getLineLength(line - 1)).contains("def bump"));
        doc.replace(doc.getLineOffset(line - 1), doc.getLineLength(line - 1), "    def bump(self:\n");
        editor.doSave(new NullProgressMonitor());
        assertTrue(Files.readString(task.resolve("main.py")).contains("def bump(self:"), "saved to disk");
        UiWait.until("an error annotation", () -> !editor.isChecking() && !editor.errorAnnotations().isEmpty(),
                CHECK_MS);
        ErrorAnnotation error = editor.errorAnnotations().get(0);
        assertEquals(line, error.line(), error.getText());
        assertTrue(error.getText().contains("SyntaxError"), error.getText());
        editor.gotoLine(line);
        Screenshots.save(page.getWorkbenchWindow().getShell(), "task-editor-error.png");

        doc.replace(doc.getLineOffset(line - 1), doc.getLineLength(line - 1), "    def bump(self):\n");
        editor.doSave(new NullProgressMonitor());
        UiWait.until("the fixed script's check", () -> !editor.isChecking() && editor.errorAnnotations().isEmpty(),
                CHECK_MS);
    }

    @Test
    void contentAssistProposesWalleNp() throws Exception {
        PythonEditor editor = (PythonEditor) TaskEditors.open(page, task.resolve("main.py"), 0);
        IDocument doc = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        doc.replace(doc.getLength(), 0, "x = walle.");
        ISourceViewer viewer = editor.viewer();
        assertTrue(editor.isEditable() && viewer.getTextWidget().getEditable(), "the user can type");
        viewer.getTextWidget().setFocus();
        viewer.setSelectedRange(doc.getLength(), 0);

        ICompletionProposal[] direct = new WalleCompletionProcessor().computeCompletionProposals(viewer,
                doc.getLength());
        List<String> names = new ArrayList<>();
        for (ICompletionProposal p : direct) {
            names.add(p.getDisplayString());
        }
        assertTrue(names.contains("walle.np"), names.toString());

        // the real popup, opened through the editor's content assist operation
        assertTrue(viewer.getTextOperationTarget().canDoOperation(ISourceViewer.CONTENTASSIST_PROPOSALS));
        viewer.getTextOperationTarget().doOperation(ISourceViewer.CONTENTASSIST_PROPOSALS);
        UiWait.until("a proposal popup listing walle.np", () -> popupItems().contains("walle.np"), 60_000);
        TableItem np = null;
        for (Shell s : Display.getCurrent().getShells()) {
            Table t = findTable(s);
            if (t != null) {
                for (TableItem item : t.getItems()) {
                    if (item.getText().equals("walle.np")) {
                        np = item;
                    }
                }
            }
        }
        assertNotNull(np);
        editor.doRevertToSaved();
    }

    private static List<String> popupItems() {
        List<String> out = new ArrayList<>();
        for (Shell s : Display.getCurrent().getShells()) {
            collect(s, out);
            for (Shell child : s.getShells()) {
                collect(child, out);
            }
        }
        return out;
    }

    private static void collect(Shell shell, List<String> out) {
        Table t = findTable(shell);
        if (t != null && shell.isVisible()) {
            for (TableItem item : t.getItems()) {
                out.add(item.getText());
            }
        }
    }

    private static Table findTable(Composite c) {
        for (Control child : c.getChildren()) {
            if (child instanceof Table t) {
                return t;
            }
            if (child instanceof Composite cc) {
                Table t = findTable(cc);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    @Test
    void outlineListsFunctionsAndClasses() throws Exception {
        PythonEditor editor = (PythonEditor) TaskEditors.open(page, task.resolve("main.py"), 0);
        page.showView("org.eclipse.ui.views.ContentOutline");
        PythonOutlinePage outline = (PythonOutlinePage) editor.getAdapter(IContentOutlinePage.class);
        UiWait.until("the outline", () -> !outline.items().isEmpty(), 30_000);
        List<String> top = outline.items().stream().map(Object::toString).toList();
        assertEquals(List.of("describe()", "CartCounter"), top);
        assertEquals(List.of("__init__()", "bump()"),
                outline.items().get(1).children().stream().map(Object::toString).toList());
        page.activate(editor);
    }

    @Test
    void taskJsonSaveValidatesThePackage() throws Exception {
        TaskTextEditor editor = TaskEditors.open(page, task.resolve("task.json"), 0);
        assertTrue(editor instanceof TaskJsonEditor, String.valueOf(editor));
        UiWait.until("the check on open", () -> !editor.isChecking(), CHECK_MS);
        assertEquals(List.of(), editor.errorAnnotations(), "the sample task.json is valid");

        IDocument doc = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        String text = doc.get();
        // a typo in a field name (line 5: "entry") must be reported on that line
        doc.set(text.replace("\"entry\"", "\"entyr\""));
        editor.doSave(new NullProgressMonitor());
        UiWait.until("an error annotation", () -> !editor.isChecking() && !editor.errorAnnotations().isEmpty(),
                CHECK_MS);
        ErrorAnnotation error = editor.errorAnnotations().stream().filter(a -> a.getText().contains("entyr"))
                .findFirst().orElseThrow(() -> new AssertionError(editor.errorAnnotations().toString()));
        assertEquals(5, error.line(), error.getText());
    }
}

package org.walle.pyvm.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.FileStoreEditorInput;
import org.eclipse.ui.part.FileEditorInput;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.pyvm.ui.internal.ProblemMarkers;
import org.walle.ui.testsupport.UiWait;
import org.walle.ui.testsupport.Screenshots;

/**
 * Drives the real Python and task.json editors in the running workbench: on the sample task copied into a
 * workspace project (problem markers, Problems view) and on a copy outside the workspace (editor annotations).
 */
class PythonEditorTest {
    /** The first check initialises Jython; on a loaded CI machine that can take long. */
    private static final long CHECK_MS = 180_000;
    private static final String PROJECT = "editor-test";
    private static final String PROBLEMS_VIEW = "org.eclipse.ui.views.ProblemView";

    @TempDir
    Path tmp;
    private IWorkbenchPage page;
    private IFolder task;

    @BeforeEach
    void open() throws Exception {
        page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        task = SampleTask.createProject(PROJECT);
    }

    @AfterEach
    void close() throws Exception {
        page.closeAllEditors(false);
        SampleTask.deleteProject(PROJECT);
    }

    private PythonEditor openMain() {
        TaskTextEditor editor = TaskEditors.open(page, task.getFile("main.py"), 0);
        assertTrue(editor instanceof PythonEditor, String.valueOf(editor));
        return (PythonEditor) editor;
    }

    @Test
    void opensWorkspaceFilesAsWorkspaceResources() throws Exception {
        PythonEditor editor = openMain();
        assertTrue(editor.getEditorInput() instanceof FileEditorInput, editor.getEditorInput().toString());
        assertEquals(task.getFile("main.py"), editor.workspaceFile());
        // a path on disk inside the workspace resolves to the same workspace file
        PythonEditor again = (PythonEditor) TaskEditors.open(page, task.getFile("main.py").getLocation().toPath(), 0);
        assertEquals(editor, again, "the open editor is reused");
        // a file written on disk behind the workspace's back is found (refreshed) and opened as a workspace file
        Path helper = task.getLocation().toPath().resolve("helper.py");
        Files.writeString(helper, "def f():\n    return 1\n");
        PythonEditor other = (PythonEditor) TaskEditors.open(page, helper, 0);
        assertEquals(task.getFile("helper.py"), other.workspaceFile());
    }

    @Test
    void coloursKeywordsStringsAndWalleNames() {
        PythonEditor editor = openMain();
        StyledText text = editor.viewer().getTextWidget();
        String src = text.getText();
        assertColour(text, src.indexOf("def describe"), PythonScanner.KEYWORD);
        assertColour(text, src.indexOf("class CartCounter"), PythonScanner.KEYWORD);
        assertColour(text, src.indexOf("\"cart #"), PythonScanner.STRING);
        assertColour(text, src.indexOf("'carts'") + 2, PythonScanner.STRING);
        assertColour(text, src.indexOf("walle.output.emit"), PythonScanner.WALLE);
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
    void syntaxErrorOnSaveIsAProblemMarkerInTheRulerAndTheProblemsView() throws Exception {
        PythonEditor editor = openMain();
        IFile main = task.getFile("main.py");
        UiWait.until("the check on open", () -> !editor.isChecking(), CHECK_MS);
        assertEquals(List.of(), ProblemMarkers.ours(main), "the sample task is valid");

        IDocument doc = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        int line = 12; // "    def bump(self):" (1-based 12) becomes a syntax error
        assertTrue(doc.get(doc.getLineOffset(line - 1), doc.getLineLength(line - 1)).contains("def bump"));
        doc.replace(doc.getLineOffset(line - 1), doc.getLineLength(line - 1), "    def bump(self:\n");
        editor.doSave(new NullProgressMonitor());
        assertTrue(Files.readString(main.getLocation().toPath()).contains("def bump(self:"), "saved to disk");
        UiWait.until("a problem marker", () -> !editor.isChecking() && !markers(main).isEmpty(), CHECK_MS);
        IMarker marker = markers(main).get(0);
        assertEquals(1, markers(main).size(), markers(main).toString());
        assertEquals(line, marker.getAttribute(IMarker.LINE_NUMBER, -1));
        assertEquals(IMarker.SEVERITY_ERROR, marker.getAttribute(IMarker.SEVERITY, -1));
        String message = marker.getAttribute(IMarker.MESSAGE, "");
        assertTrue(message.contains("SyntaxError"), message);
        assertEquals(List.of(), editor.errorAnnotations(), "workspace files get markers, not editor annotations");

        // the editor's ruler shows the marker
        UiWait.until("the marker in the ruler", () -> editor.rulerMarkers().contains(marker), 30_000);

        // the Problems view lists it with its line
        IViewPart problems = page.showView(PROBLEMS_VIEW);
        Tree tree = (Tree) TestWidgets.all((Composite) problems.getSite().getService(MPart.class).getWidget())
                .stream().filter(c -> c instanceof Tree).findFirst().orElseThrow();
        String firstLine = message.lines().findFirst().orElse(message);
        try {
            UiWait.until("the Problems view row", () -> problemRows(tree).stream()
                    .anyMatch(r -> r.contains(firstLine) && r.contains("line " + line)), 60_000);
        } catch (AssertionError e) {
            Screenshots.save(page.getWorkbenchWindow().getShell(), "problems-failed.png");
            throw new AssertionError(e.getMessage() + " '" + firstLine + "'; rows: " + problemRows(tree), e);
        }
        page.activate(editor);
        editor.gotoLine(line);
        Screenshots.save(page.getWorkbenchWindow().getShell(), "task-editor-error.png");

        doc.replace(doc.getLineOffset(line - 1), doc.getLineLength(line - 1), "    def bump(self):\n");
        editor.doSave(new NullProgressMonitor());
        UiWait.until("the fixed script's markers to go", () -> !editor.isChecking() && markers(main).isEmpty(),
                CHECK_MS);
        UiWait.until("the ruler to clear", () -> editor.rulerMarkers().isEmpty(), 30_000);
    }

    private static List<IMarker> markers(IFile file) {
        try {
            return ProblemMarkers.ours(file);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The rows of the Problems view, expanding each group as a click would: JFace keeps a blank placeholder child
     * under a collapsed node and creates the real rows on the tree's Expand event.
     */
    private static List<String> problemRows(Tree tree) {
        List<String> rows = new ArrayList<>();
        for (TreeItem group : tree.getItems()) {
            if (!group.getExpanded() || group.getItemCount() == 0 || group.getItem(0).getText().isEmpty()) {
                Event expand = new Event();
                expand.item = group;
                tree.notifyListeners(SWT.Expand, expand);
                group.setExpanded(true);
            }
            TestWidgets.treeTexts(group, tree.getColumnCount(), rows);
        }
        return rows;
    }

    @Test
    void fileOutsideTheWorkspaceGetsEditorAnnotations() throws Exception {
        Path outside = SampleTask.copyTo(tmp).resolve("main.py");
        assertEquals(null, TaskEditors.workspaceFile(outside));
        PythonEditor editor = (PythonEditor) TaskEditors.open(page, outside, 0);
        assertTrue(editor.getEditorInput() instanceof FileStoreEditorInput, editor.getEditorInput().toString());
        assertEquals(outside.toAbsolutePath().normalize(), editor.file());
        UiWait.until("the check on open", () -> !editor.isChecking(), CHECK_MS);
        assertEquals(List.of(), editor.errorAnnotations());

        IDocument doc = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        doc.replace(doc.getLineOffset(11), doc.getLineLength(11), "    def bump(self:\n");
        editor.doSave(new NullProgressMonitor());
        assertTrue(Files.readString(outside).contains("def bump(self:"), "saved to disk");
        UiWait.until("an error annotation", () -> !editor.isChecking() && !editor.errorAnnotations().isEmpty(),
                CHECK_MS);
        ErrorAnnotation error = editor.errorAnnotations().get(0);
        assertEquals(12, error.line(), error.getText());
        assertTrue(error.getText().contains("SyntaxError"), error.getText());
    }

    @Test
    void contentAssistProposesWalleNp() throws Exception {
        PythonEditor editor = openMain();
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
        if (!shell.isVisible()) {
            return;
        }
        for (Control c : TestWidgets.all(shell)) {
            if (c instanceof Table t) {
                for (TableItem item : t.getItems()) {
                    out.add(item.getText());
                }
            }
        }
    }

    @Test
    void outlineListsFunctionsAndClasses() throws Exception {
        PythonEditor editor = openMain();
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
    void taskJsonSaveValidatesThePackageIntoMarkers() throws Exception {
        IFile json = task.getFile("task.json");
        TaskTextEditor editor = TaskEditors.open(page, json, 0);
        assertTrue(editor instanceof TaskJsonEditor, String.valueOf(editor));
        UiWait.until("the check on open", () -> !editor.isChecking(), CHECK_MS);
        assertEquals(List.of(), markers(json), "the sample task.json is valid");

        IDocument doc = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        // a typo in a field name (line 5: "entry") must be reported on that line
        doc.set(doc.get().replace("\"entry\"", "\"entyr\""));
        editor.doSave(new NullProgressMonitor());
        UiWait.until("a problem marker", () -> !editor.isChecking() && !markers(json).isEmpty(), CHECK_MS);
        IMarker typo = markers(json).stream().filter(m -> m.getAttribute(IMarker.MESSAGE, "").contains("entyr"))
                .findFirst().orElseThrow(() -> new AssertionError(markers(json).toString()));
        assertEquals(5, typo.getAttribute(IMarker.LINE_NUMBER, -1), typo.getAttribute(IMarker.MESSAGE, ""));
    }

}

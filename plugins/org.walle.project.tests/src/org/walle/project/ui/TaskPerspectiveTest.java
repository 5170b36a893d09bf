package org.walle.project.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.wizards.newresource.BasicNewResourceWizard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.walle.project.Projects;
import org.walle.ui.testsupport.UiWait;
import org.walle.ui.testsupport.Screenshots;

/**
 * The Task perspective with a project whose main.py has a syntax error: the Project Explorer shows the project,
 * the Problems view counts the builder's marker (its text and line are checked on the marker in BuilderTest).
 * Saves the screenshot for the docs.
 */
class TaskPerspectiveTest {
    private static final long BUILD_MS = 180_000;
    private IWorkbenchWindow window;
    private IWorkbenchPage page;
    private IProject project;

    @BeforeEach
    void open() throws Exception {
        project = Projects.create("shop-tasks");
        window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        page = PlatformUI.getWorkbench().showPerspective(TaskPerspective.ID, window);
    }

    @AfterEach
    void close() throws Exception {
        page.closeAllEditors(false);
        project.delete(true, true, null);
        PlatformUI.getWorkbench().showPerspective("org.walle.studio.perspective.model", window);
    }

    @Test
    void perspectiveHasExplorerProblemsAndTaskRun() {
        assertEquals(TaskPerspective.ID, page.getPerspective().getId());
        assertNotNull(page.findView(IPageLayout.ID_PROJECT_EXPLORER));
        assertNotNull(page.findViewReference(IPageLayout.ID_PROBLEM_VIEW));
        assertNotNull(page.findViewReference(TaskPerspective.TASK_RUN_VIEW_ID));
        assertTrue(page.isEditorAreaVisible());
    }

    @Test
    void problemsViewListsTheSyntaxError() throws Exception {
        IFile main = project.getFile("tasks/" + Projects.TASK + "/main.py");
        String text = new String(main.getContents().readAllBytes(), StandardCharsets.UTF_8);
        String broken = text.replace("x = features.vector(events, carts_before)",
                "x = features.vector(events, carts_before"); // unclosed call
        main.setContents(new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8)), true, true, null);
        UiWait.until("the builder's marker", () -> !markers(main).isEmpty(), BUILD_MS);

        BasicNewResourceWizard.selectAndReveal(main, window);
        openEditor(main);
        IViewPart problems = page.showView(IPageLayout.ID_PROBLEM_VIEW);
        Tree tree = find(problems.getSite().getService(MPart.class).getWidget(), Tree.class);
        assertNotNull(tree, "the Problems view's tree");
        try {
            UiWait.until("the Problems view to list the error", () -> errorRow(tree).contains("SyntaxError"), 60_000);
        } catch (AssertionError e) {
            Screenshots.save(window.getShell(), "studio-problems-failed.png");
            throw new AssertionError(e.getMessage() + "; the tree shows " + texts(tree), e);
        }
        assertEquals("main.py", errorGroup(tree).getItem(0).getText(1));
        // the parser notices the unclosed call on the next line, where it meets 'probs'
        int expected = lineOf(broken, "x = features.vector(") + 1;
        assertEquals("line " + expected, errorGroup(tree).getItem(0).getText(3), "the Location column");
        tree.getColumn(0).setWidth(560); // the whole message in the picture
        // the pointer rests in the middle of the screen under Xvfb: move it off the window (and its tooltips)
        org.eclipse.swt.graphics.Rectangle screen = tree.getDisplay().getBounds();
        tree.getDisplay().setCursorLocation(screen.x + screen.width - 1, screen.y + screen.height - 1);
        Screenshots.save(window.getShell(), "studio-problems.png");
    }

    /**
     * The Python editor when it shows workspace files (org.walle.pyvm.ui's editors are moving from local files to
     * workspace files); else the plain text editor, which shows the markers too.
     */
    private void openEditor(IFile file) throws PartInitException {
        try {
            if (IDE.openEditor(page, file) instanceof ITextEditor editor
                    && editor.getDocumentProvider().getDocument(editor.getEditorInput()).getLength() > 0) {
                return;
            }
        } catch (PartInitException | RuntimeException e) {
            // fall through to the text editor
        }
        page.closeAllEditors(false);
        IDE.openEditor(page, file, "org.eclipse.ui.DefaultTextEditor");
    }

    private static java.util.List<IMarker> markers(IFile f) {
        try {
            return Projects.problems(f);
        } catch (org.eclipse.core.runtime.CoreException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int lineOf(String text, String needle) {
        return (int) text.substring(0, text.indexOf(needle)).chars().filter(c -> c == '\n').count() + 1;
    }

    /** The "Errors (1 item)" group of the Problems view (grouped by severity, its default), or null. */
    private static TreeItem errorGroup(Tree tree) {
        for (TreeItem item : tree.getItems()) {
            if (item.getText().startsWith("Errors (1 item)")) {
                return item;
            }
        }
        return null;
    }

    /**
     * The text of the error row, expanding its group as a click would: JFace keeps a blank placeholder child under
     * a collapsed node and makes the real rows on the tree's Expand event, which setExpanded alone does not send.
     */
    private static String errorRow(Tree tree) {
        TreeItem group = errorGroup(tree);
        if (group == null) {
            return "";
        }
        if (!group.getExpanded() || group.getItemCount() == 0 || group.getItem(0).getText().isEmpty()) {
            Event expand = new Event();
            expand.item = group;
            tree.notifyListeners(SWT.Expand, expand);
            group.setExpanded(true);
        }
        return group.getItemCount() == 0 ? "" : group.getItem(0).getText();
    }

    private static java.util.List<String> texts(Tree tree) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (TreeItem item : tree.getItems()) {
            out.add(item.getText());
            for (TreeItem child : item.getItems()) {
                out.add("  " + child.getText() + " | " + child.getText(1) + " | " + child.getText(2));
            }
        }
        return out;
    }

    private static <T extends Control> T find(Object root, Class<T> type) {
        if (type.isInstance(root)) {
            return type.cast(root);
        }
        if (root instanceof Composite c) {
            for (Control child : c.getChildren()) {
                T found = find(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}

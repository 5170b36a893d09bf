package org.walle.pyvm.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.ResourceBundle;

import org.eclipse.jface.action.IAction;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.ui.texteditor.ITextEditorActionDefinitionIds;
import org.eclipse.ui.texteditor.TextOperationAction;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;
import org.walle.pyvm.ui.internal.Problem;
import org.walle.pyvm.ui.internal.ScriptCheck;

/**
 * The Python task script editor: colouring, outline, walle content assist, and on every save the task VM's own
 * syntax and sandbox check with errors at the line the VM reports.
 */
public final class PythonEditor extends TaskTextEditor {
    public static final String ID = "org.walle.pyvm.ui.pythonEditor";
    private static final ResourceBundle ACTION_TEXT = new java.util.ListResourceBundle() {
        @Override
        protected Object[][] getContents() {
            return new Object[][] { { "ContentAssistProposal.label", "Content Assist" } };
        }
    };
    private PythonOutlinePage outline;

    public PythonEditor() {
        setSourceViewerConfiguration(new PythonViewerConfiguration(true));
    }

    @Override
    protected void createActions() {
        super.createActions();
        IAction assist = new TextOperationAction(ACTION_TEXT, "ContentAssistProposal.", this,
                ISourceViewer.CONTENTASSIST_PROPOSALS);
        assist.setActionDefinitionId(ITextEditorActionDefinitionIds.CONTENT_ASSIST_PROPOSALS);
        setAction("ContentAssistProposal", assist);
    }

    @Override
    protected List<Problem> check(Path file, String text) {
        return ScriptCheck.check(file.getFileName().toString(), text);
    }

    @Override
    protected void editorSaved() {
        super.editorSaved();
        if (outline != null) {
            outline.refresh();
        }
    }

    /** The current text of the document. */
    public String text() {
        return getDocumentProvider().getDocument(getEditorInput()).get();
    }

    /** The source viewer, for content assist and colouring checks. */
    public ISourceViewer viewer() {
        return getSourceViewer();
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == IContentOutlinePage.class) {
            if (outline == null) {
                outline = new PythonOutlinePage(this);
            }
            return adapter.cast(outline);
        }
        return super.getAdapter(adapter);
    }
}

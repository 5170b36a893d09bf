package org.walle.pyvm.ui;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.contentassist.ContentAssistant;
import org.eclipse.jface.text.contentassist.IContentAssistant;
import org.eclipse.jface.text.presentation.IPresentationReconciler;
import org.eclipse.jface.text.presentation.PresentationReconciler;
import org.eclipse.jface.text.rules.DefaultDamagerRepairer;
import org.eclipse.jface.text.source.DefaultAnnotationHover;
import org.eclipse.jface.text.source.IAnnotationHover;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.jface.text.reconciler.IReconciler;
import org.eclipse.ui.editors.text.EditorsUI;
import org.eclipse.ui.editors.text.TextSourceViewerConfiguration;

/**
 * Colouring, walle content assist (Ctrl+Space, or typing a dot) and problem hovers for task scripts; the editors'
 * preferences (annotation colours, hovers) come from org.eclipse.ui.editors.
 */
public final class PythonViewerConfiguration extends TextSourceViewerConfiguration {
    private final boolean python;

    /** {@code python == false} gives the plain configuration used for task.json (hovers only). */
    public PythonViewerConfiguration(boolean python) {
        super(EditorsUI.getPreferenceStore());
        this.python = python;
    }

    // no spelling reconciler: English spell checking of code and JSON only produces noise
    @Override
    public IReconciler getReconciler(ISourceViewer viewer) {
        return null;
    }

    @Override
    public IPresentationReconciler getPresentationReconciler(ISourceViewer viewer) {
        PresentationReconciler reconciler = new PresentationReconciler();
        if (python) {
            // one content type, no partitioner: an edit recolours the changed lines only, so typing the quotes of
            // a triple-quoted string recolours its later lines on reopening (a partition scanner would fix that)
            DefaultDamagerRepairer dr = new DefaultDamagerRepairer(new PythonScanner());
            reconciler.setDamager(dr, IDocument.DEFAULT_CONTENT_TYPE);
            reconciler.setRepairer(dr, IDocument.DEFAULT_CONTENT_TYPE);
        }
        return reconciler;
    }

    @Override
    public IContentAssistant getContentAssistant(ISourceViewer viewer) {
        if (!python) {
            return null;
        }
        ContentAssistant assistant = new ContentAssistant();
        assistant.setContentAssistProcessor(new WalleCompletionProcessor(), IDocument.DEFAULT_CONTENT_TYPE);
        assistant.enableAutoActivation(true);
        assistant.setAutoActivationDelay(300);
        assistant.enableAutoInsert(false);
        return assistant;
    }

    @Override
    public IAnnotationHover getAnnotationHover(ISourceViewer viewer) {
        return new DefaultAnnotationHover();
    }
}

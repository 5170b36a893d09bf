package org.walle.pyvm.ui;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.source.AnnotationModel;
import org.eclipse.ui.editors.text.TextFileDocumentProvider;

/**
 * File buffers for the task editors: workspace files ({@code FileEditorInput}) get the marker annotation model, so
 * problem markers show in the ruler; files opened from disk ({@code FileStoreEditorInput}) get a plain annotation
 * model, where the editor puts the problems of its own check.
 */
final class TaskDocumentProvider extends TextFileDocumentProvider {
    private static TaskDocumentProvider shared;

    /** One provider for all task editors, so two editors on one file share its buffer. */
    static synchronized TaskDocumentProvider shared() {
        if (shared == null) {
            shared = new TaskDocumentProvider();
        }
        return shared;
    }

    @Override
    protected FileInfo createFileInfo(Object element) throws CoreException {
        FileInfo info = super.createFileInfo(element);
        if (info != null && info.fModel == null) {
            info.fModel = new AnnotationModel();
        }
        return info;
    }
}

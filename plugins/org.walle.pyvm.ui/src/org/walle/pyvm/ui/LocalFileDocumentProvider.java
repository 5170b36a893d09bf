package org.walle.pyvm.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.jface.operation.IRunnableContext;
import org.eclipse.jface.text.Document;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.source.AnnotationModel;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.ui.texteditor.AbstractDocumentProvider;

/** Reads and writes {@link LocalFileInput}s as UTF-8; each document gets a plain annotation model for problems. */
final class LocalFileDocumentProvider extends AbstractDocumentProvider {

    @Override
    protected IDocument createDocument(Object element) throws CoreException {
        if (!(element instanceof LocalFileInput in)) {
            return null;
        }
        try {
            return new Document(Files.readString(in.file(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CoreException(Status.error("cannot read " + in.file() + ": " + e.getMessage(), e));
        }
    }

    @Override
    protected IAnnotationModel createAnnotationModel(Object element) {
        return new AnnotationModel();
    }

    @Override
    protected void doSaveDocument(IProgressMonitor monitor, Object element, IDocument document, boolean overwrite)
            throws CoreException {
        LocalFileInput in = (LocalFileInput) element;
        try {
            Files.writeString(in.file(), document.get(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CoreException(Status.error("cannot write " + in.file() + ": " + e.getMessage(), e));
        }
    }

    // AbstractDocumentProvider calls every element read-only unless told otherwise
    @Override
    public boolean isReadOnly(Object element) {
        return !isModifiable(element);
    }

    @Override
    public boolean isModifiable(Object element) {
        return element instanceof LocalFileInput in && Files.isWritable(in.file());
    }

    @Override
    protected IRunnableContext getOperationRunner(IProgressMonitor monitor) {
        return null;
    }
}

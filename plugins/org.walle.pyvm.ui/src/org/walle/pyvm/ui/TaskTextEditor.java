package org.walle.pyvm.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.AnnotationPainter;
import org.eclipse.jface.text.source.IAnnotationAccess;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.IAnnotationModelExtension;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.jface.text.source.IVerticalRuler;
import org.eclipse.jface.text.source.SourceViewer;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.texteditor.AbstractTextEditor;
import org.walle.pyvm.ui.internal.Problem;

/**
 * The common part of the task editors: local files, error annotations (ruler mark, squiggle, hover) refreshed by a
 * check that runs in a Job after every save and once on open, because the Jython checker may take seconds the first
 * time.
 */
public abstract class TaskTextEditor extends AbstractTextEditor {
    private final AtomicLong checkGeneration = new AtomicLong();
    private volatile boolean checking;

    protected TaskTextEditor() {
        setDocumentProvider(new LocalFileDocumentProvider());
        setKeyBindingScopes(new String[] { "org.eclipse.ui.textEditorScope" });
    }

    /** Finds the problems of the saved text; called off the UI thread. */
    protected abstract List<Problem> check(Path file, String text);

    @Override
    protected ISourceViewer createSourceViewer(Composite parent, IVerticalRuler ruler, int styles) {
        SourceViewer viewer = new SourceViewer(parent, ruler, null, false, styles);
        AnnotationPainter painter = new AnnotationPainter(viewer, new IAnnotationAccess() {
            @Override
            public Object getType(Annotation a) {
                return a.getType();
            }

            @Override
            public boolean isMultiLine(Annotation a) {
                return false;
            }

            @Override
            public boolean isTemporary(Annotation a) {
                return !a.isPersistent();
            }
        });
        painter.addAnnotationType(ErrorAnnotation.TYPE);
        painter.setAnnotationTypeColor(ErrorAnnotation.TYPE, parent.getDisplay().getSystemColor(SWT.COLOR_RED));
        viewer.addPainter(painter);
        return viewer;
    }

    @Override
    public void createPartControl(Composite parent) {
        super.createPartControl(parent);
        scheduleCheck();
    }

    @Override
    protected void editorSaved() {
        super.editorSaved();
        scheduleCheck();
    }

    /** The file being edited. */
    public Path file() {
        return ((LocalFileInput) getEditorInput()).file();
    }

    /** True while a check started by open or save has not yet updated the annotations. */
    public boolean isChecking() {
        return checking;
    }

    /** The error annotations currently shown, in document order. */
    public List<ErrorAnnotation> errorAnnotations() {
        List<ErrorAnnotation> out = new ArrayList<>();
        IAnnotationModel model = annotationModel();
        if (model != null) {
            model.getAnnotationIterator().forEachRemaining(a -> {
                if (a instanceof ErrorAnnotation e) {
                    out.add(e);
                }
            });
        }
        out.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return out;
    }

    private IAnnotationModel annotationModel() {
        return getDocumentProvider() == null ? null : getDocumentProvider().getAnnotationModel(getEditorInput());
    }

    private void scheduleCheck() {
        IDocument doc = getDocumentProvider().getDocument(getEditorInput());
        if (doc == null) {
            return;
        }
        Path file = file();
        String text = doc.get();
        long generation = checkGeneration.incrementAndGet();
        checking = true;
        Display display = Display.getCurrent();
        Job job = Job.create(NLS.bind(Messages.Check_job, file.getFileName()), monitor -> {
            List<Problem> problems;
            try {
                problems = check(file, text);
            } catch (RuntimeException e) {
                problems = List.of(new Problem(1, "the check failed: " + e));
            }
            List<Problem> found = problems;
            display.asyncExec(() -> {
                if (generation == checkGeneration.get() && getDocumentProvider() != null) {
                    show(found);
                    checking = false;
                }
            });
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void show(List<Problem> problems) {
        IAnnotationModel model = annotationModel();
        IDocument doc = getDocumentProvider().getDocument(getEditorInput());
        if (model == null || doc == null) {
            return;
        }
        List<Annotation> old = new ArrayList<>();
        model.getAnnotationIterator().forEachRemaining(a -> {
            if (a instanceof ErrorAnnotation) {
                old.add(a);
            }
        });
        Map<Annotation, Position> added = new HashMap<>();
        for (Problem p : problems) {
            int line = Math.min(Math.max(p.line(), 1), doc.getNumberOfLines()) - 1;
            try {
                int offset = doc.getLineOffset(line);
                int length = doc.getLineLength(line) - (doc.getLineDelimiter(line) == null ? 0
                        : doc.getLineDelimiter(line).length());
                added.put(new ErrorAnnotation(p.line(), p.message()), new Position(offset, Math.max(length, 0)));
            } catch (BadLocationException e) {
                added.put(new ErrorAnnotation(p.line(), p.message()), new Position(0, 0));
            }
        }
        if (model instanceof IAnnotationModelExtension ext) {
            ext.replaceAnnotations(old.toArray(Annotation[]::new), added);
        } else {
            old.forEach(model::removeAnnotation);
            added.forEach(model::addAnnotation);
        }
        setStatusLineErrorMessage(problems.isEmpty() ? null : problems.get(0).line() + ": " + problems.get(0).message());
    }

    /** Selects and reveals a 1-based line. */
    public void gotoLine(int line) {
        IDocument doc = getDocumentProvider().getDocument(getEditorInput());
        try {
            int l = Math.min(Math.max(line, 1), doc.getNumberOfLines()) - 1;
            selectAndReveal(doc.getLineOffset(l), doc.getLineLength(l) - (doc.getLineDelimiter(l) == null ? 0
                    : doc.getLineDelimiter(l).length()));
        } catch (BadLocationException e) {
            selectAndReveal(0, 0);
        }
    }
}

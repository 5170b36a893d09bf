package org.walle.pyvm.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.IAnnotationModelExtension;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.texteditor.AbstractDecoratedTextEditor;
import org.eclipse.ui.texteditor.MarkerAnnotation;
import org.walle.pyvm.ui.internal.Problem;
import org.walle.pyvm.ui.internal.ProblemMarkers;

/**
 * The common part of the task editors. A check runs in a Job after every save and once on open (the Jython checker
 * may take seconds the first time). For a workspace file its problems become problem markers (ruler, Problems view),
 * unless the project's Walle builder owns them; for a file from disk they become error annotations in the editor.
 */
public abstract class TaskTextEditor extends AbstractDecoratedTextEditor {
    private final AtomicLong checkGeneration = new AtomicLong();
    // checks of one editor run one after the other, so the markers of the newest save win
    private final ISchedulingRule checkRule = new ISchedulingRule() {
        @Override
        public boolean contains(ISchedulingRule rule) {
            return rule == this;
        }

        @Override
        public boolean isConflicting(ISchedulingRule rule) {
            return rule == this;
        }
    };
    private volatile boolean checking;

    protected TaskTextEditor() {
        setDocumentProvider(TaskDocumentProvider.shared());
    }

    /** Finds the problems of the saved text; called off the UI thread. */
    protected abstract List<Problem> check(Path file, String text);

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

    /** The file being edited, on disk. */
    public Path file() {
        return TaskEditors.pathOf(getEditorInput());
    }

    /** The workspace file being edited, or null for a file opened from disk. */
    public IFile workspaceFile() {
        return getEditorInput() == null ? null : getEditorInput().getAdapter(IFile.class);
    }

    /** True while a check started by open or save has not yet updated the markers or annotations. */
    public boolean isChecking() {
        return checking;
    }

    /** The error annotations of the editor's own check (files outside the workspace), in document order. */
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

    /** The problem markers the editor's ruler shows (workspace files), in line order. */
    public List<IMarker> rulerMarkers() {
        List<IMarker> out = new ArrayList<>();
        IAnnotationModel model = annotationModel();
        if (model != null) {
            model.getAnnotationIterator().forEachRemaining(a -> {
                if (a instanceof MarkerAnnotation m && m.getMarker().exists()
                        && isProblem(m.getMarker())) {
                    out.add(m.getMarker());
                }
            });
        }
        out.sort((a, b) -> Integer.compare(a.getAttribute(IMarker.LINE_NUMBER, 0),
                b.getAttribute(IMarker.LINE_NUMBER, 0)));
        return out;
    }

    private static boolean isProblem(IMarker marker) {
        try {
            return marker.isSubtypeOf(IMarker.PROBLEM);
        } catch (CoreException e) {
            return false;
        }
    }

    private IAnnotationModel annotationModel() {
        return getDocumentProvider() == null ? null : getDocumentProvider().getAnnotationModel(getEditorInput());
    }

    private void scheduleCheck() {
        IDocument doc = getDocumentProvider().getDocument(getEditorInput());
        Path file = file();
        if (doc == null || file == null) {
            return;
        }
        IFile resource = workspaceFile();
        if (resource != null && ProblemMarkers.leftToBuilder(resource)) {
            return; // the project's builder runs the same check and owns the markers
        }
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
            if (resource != null) {
                try {
                    ProblemMarkers.replace(resource, problems, monitor);
                } catch (CoreException e) {
                    ILog.of(getClass()).log(e.getStatus());
                }
            }
            List<Problem> found = problems;
            display.asyncExec(() -> {
                if (generation == checkGeneration.get() && getDocumentProvider() != null) {
                    if (resource == null) {
                        show(found);
                    }
                    setStatusLineErrorMessage(found.isEmpty() ? null
                            : found.get(0).line() + ": " + found.get(0).message());
                    checking = false;
                }
            });
            return Status.OK_STATUS;
        });
        job.setRule(checkRule);
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
            added.put(new ErrorAnnotation(p.line(), p.message()), linePosition(doc, p.line()));
        }
        if (model instanceof IAnnotationModelExtension ext) {
            ext.replaceAnnotations(old.toArray(Annotation[]::new), added);
        } else {
            old.forEach(model::removeAnnotation);
            added.forEach(model::addAnnotation);
        }
    }

    private static Position linePosition(IDocument doc, int line) {
        int l = Math.min(Math.max(line, 1), doc.getNumberOfLines()) - 1;
        try {
            String delimiter = doc.getLineDelimiter(l);
            int length = doc.getLineLength(l) - (delimiter == null ? 0 : delimiter.length());
            return new Position(doc.getLineOffset(l), Math.max(length, 0));
        } catch (BadLocationException e) {
            return new Position(0, 0);
        }
    }

    /** Selects and reveals a 1-based line. */
    public void gotoLine(int line) {
        IDocument doc = getDocumentProvider().getDocument(getEditorInput());
        Position p = linePosition(doc, line);
        selectAndReveal(p.getOffset(), p.getLength());
    }
}

package org.walle.engine.ui.model;

import java.nio.file.Path;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.swt.widgets.Display;
import org.walle.engine.graph.Graph;
import org.walle.engine.onnx.OnnxImporter;
import org.walle.engine.ui.Messages;

/**
 * Imports an ONNX file off the UI thread, then makes it the current model (unless the job was cancelled meanwhile).
 * A broken file is reported to the failure handler on the UI thread: by default an error dialog whose details hold
 * the importer's message.
 */
public final class LoadModelJob extends Job {
    private static final String PLUGIN_ID = "org.walle.engine.ui";

    private final Path file;
    private final Display display;
    private final Consumer<IStatus> onFailure;

    public LoadModelJob(Path file, Display display) {
        this(file, display, status -> ErrorDialog.openError(display.getActiveShell(), Messages.loadFailedTitle,
                null, status));
    }

    public LoadModelJob(Path file, Display display, Consumer<IStatus> onFailure) {
        super(Messages.bind(Messages.loadJob, file.getFileName()));
        this.file = file;
        this.display = display;
        this.onFailure = onFailure;
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor progress = SubMonitor.convert(monitor, 2);
        Graph graph;
        try {
            graph = OnnxImporter.load(file);
        } catch (RuntimeException e) {
            IStatus failure = new Status(IStatus.ERROR, PLUGIN_ID, Messages.bind(Messages.loadFailed, file,
                    e.getMessage()), e);
            display.asyncExec(() -> onFailure.accept(failure));
            return Status.CANCEL_STATUS;
        }
        // the importer has no cancel hook: a cancel during the import drops its result here
        if (monitor.isCanceled()) {
            return Status.CANCEL_STATUS;
        }
        progress.split(1);
        new RecentModels().add(file);
        OpenModel model = new OpenModel(file, graph);
        display.asyncExec(() -> ModelService.get().setCurrent(model));
        progress.split(1);
        return Status.OK_STATUS;
    }
}

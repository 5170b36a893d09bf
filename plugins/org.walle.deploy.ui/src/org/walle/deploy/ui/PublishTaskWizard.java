package org.walle.deploy.ui;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.List;

import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.jface.wizard.Wizard;
import org.walle.deploy.ui.internal.server.ServerEntry;
import org.walle.deploy.ui.internal.server.TaskPublisher;
import org.walle.deploy.ui.internal.server.TaskPublisher.Published;

/** Publish Task: check the package, push it as a version and create a signed release, with progress. */
public final class PublishTaskWizard extends Wizard {
    private final PublishTaskPage page;
    private Published published;

    public PublishTaskWizard(List<ServerEntry> servers) {
        setWindowTitle(Messages.Publish_title);
        setNeedsProgressMonitor(true);
        page = new PublishTaskPage(servers);
    }

    @Override
    public void addPages() {
        addPage(page);
    }

    @Override
    public boolean performFinish() {
        ServerEntry server = page.selectedServer();
        TaskPublisher publisher = new TaskPublisher(server.url(), server.token().orElseThrow());
        var folder = page.folder();
        String version = page.version();
        String message = page.message();
        try {
            getContainer().run(true, false, monitor -> {
                SubMonitor sub = SubMonitor.convert(monitor, Messages.Publish_title, TaskPublisher.STEPS);
                try {
                    published = publisher.publish(folder, version, message, step -> sub.split(1).subTask(step));
                } catch (IOException | RuntimeException e) {
                    throw new InvocationTargetException(e);
                }
            });
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            page.setErrorMessage(Messages.Publish_failed + " " + cause.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        ServerJobs.refresh(Activator.getDefault().registry(), 0);
        return true;
    }

    /** The release created by the last successful Finish, or {@code null}. */
    public Published published() {
        return published;
    }

    PublishTaskPage page() {
        return page;
    }
}

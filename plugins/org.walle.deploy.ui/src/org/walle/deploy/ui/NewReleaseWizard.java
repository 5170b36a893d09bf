package org.walle.deploy.ui;

import java.lang.reflect.InvocationTargetException;
import java.util.List;

import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.osgi.util.NLS;
import org.walle.deploy.ui.internal.release.ReleaseClient;
import org.walle.deploy.ui.internal.release.ReleaseClient.Started;
import org.walle.deploy.ui.internal.server.ServerEntry;

import com.fasterxml.jackson.databind.JsonNode;

/** New Release: task version, targeting policy with a live preview, stages and thresholds, review; Finish starts it. */
public final class NewReleaseWizard extends Wizard {
    private final ReleaseTaskPage taskPage;
    private final ReleasePolicyPage policyPage;
    private final ReleaseStagesPage stagesPage;
    private final ReleaseReviewPage reviewPage;
    private Started started;

    public NewReleaseWizard(List<ServerEntry> servers) {
        setWindowTitle(ReleaseMessages.Release_title);
        setNeedsProgressMonitor(true);
        taskPage = new ReleaseTaskPage(servers);
        policyPage = new ReleasePolicyPage(() -> taskPage.client());
        stagesPage = new ReleaseStagesPage();
        reviewPage = new ReleaseReviewPage(this::summary);
    }

    @Override
    public void addPages() {
        addPage(taskPage);
        addPage(policyPage);
        addPage(stagesPage);
        addPage(reviewPage);
    }

    /** Finish only from the review page, so the user has seen what will be sent. */
    @Override
    public boolean canFinish() {
        return super.canFinish() && getContainer().getCurrentPage() == reviewPage;
    }

    private String summary() {
        ServerEntry s = taskPage.selectedServer();
        return NLS.bind(ReleaseMessages.Release_review, new Object[] {taskPage.taskId(), taskPage.version(),
            s == null ? "" : s.name() + " " + s.url(), policyPage.rule(),
            stagesPage.plan() == null ? "" : stagesPage.plan().describe()});
    }

    @Override
    public boolean performFinish() {
        ReleaseClient client = taskPage.client();
        String task = taskPage.taskId();
        String version = taskPage.version();
        JsonNode rule = policyPage.rule();
        JsonNode stages = stagesPage.plan().toJson();
        try {
            getContainer().run(true, false, monitor -> {
                SubMonitor sub = SubMonitor.convert(monitor, ReleaseMessages.Release_title, ReleaseClient.START_STEPS);
                try {
                    started = client.createAndStart(task, version, rule, stages, step -> sub.split(1).subTask(step));
                } catch (RuntimeException e) {
                    throw new InvocationTargetException(e);
                }
            });
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            reviewPage.setErrorMessage(ReleaseMessages.Release_failed + " " + cause.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        ServerJobs.refresh(Activator.getDefault().registry(), 0);
        return true;
    }

    /** The rollout started by the last successful Finish, or {@code null}. */
    public Started started() {
        return started;
    }

    ReleaseTaskPage taskPage() {
        return taskPage;
    }

    ReleasePolicyPage policyPage() {
        return policyPage;
    }

    ReleaseStagesPage stagesPage() {
        return stagesPage;
    }

    ReleaseReviewPage reviewPage() {
        return reviewPage;
    }
}

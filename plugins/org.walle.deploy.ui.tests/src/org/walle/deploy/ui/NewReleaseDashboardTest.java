package org.walle.deploy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.deploy.ui.internal.server.EmbeddedServer;
import org.walle.deploy.ui.internal.server.ServerState;

/**
 * The release manager's path through real widgets against the embedded server: publish a task, start a 200-device
 * demo fleet from the dashboard, create a release with a policy and a gray stage through the wizard (the preview
 * follows the typing), watch the coverage chart rise (the 50% gray stage, then the full one after Advance), roll
 * back. Hostile input typed into the wizard: a percentage above 100, a percentage that is not a number, falling stage
 * percentages (PolicyFormTest and StagePlanTest cover the rest).
 */
class NewReleaseDashboardTest {
    private static final int FLEET = 200;
    private static final long LONG = 180_000;
    @TempDir
    Path data;
    @TempDir
    Path work;
    private ServersView servers;
    private ReleaseDashboardView dashboard;
    private EmbeddedServer embedded;
    private IPreferenceStore prefs;
    private WizardDialog dialog;

    @BeforeEach
    void startServer() throws Exception {
        prefs = Activator.getDefault().getPreferenceStore();
        prefs.setValue(DeployPreferences.AUTOSTART, false);
        prefs.setValue(DeployPreferences.DATA_DIR, data.toString());
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            prefs.setValue(DeployPreferences.PORT, s.getLocalPort());
        }
        embedded = Activator.getDefault().registry().embedded();
        UiWait.until("start/stop jobs to finish", () -> Job.getJobManager().find(ServerJobs.FAMILY).length == 0,
                60_000);
        embedded.stop();
        servers = (ServersView) page().showView(ServersView.ID);
        servers.getStartButton().notifyListeners(SWT.Selection, new Event());
        // the server itself, not the table: a cell may still show the previous test's server until the UI catches up
        UiWait.until("the server running with its admin token", () -> embedded.state() == ServerState.RUNNING
                && embedded.token().isPresent(), 60_000);
        System.setProperty(ServersView.NON_BLOCKING_DIALOGS, "true");
    }

    @AfterEach
    void stopServer() {
        System.clearProperty(ServersView.NON_BLOCKING_DIALOGS);
        if (dialog != null && dialog.getShell() != null && !dialog.getShell().isDisposed()) {
            dialog.close();
        }
        if (dashboard != null) {
            dashboard.getFleetControl().stop();
            page().hideView(dashboard);
        }
        embedded.stop();
        prefs.setToDefault(DeployPreferences.PORT);
        prefs.setToDefault(DeployPreferences.DATA_DIR);
    }

    @Test
    void createsAReleaseWatchesCoverageRiseAndRollsBack() throws Exception {
        publish(PublishTaskWizardTest.taskFolder(work, "hello-task", "1.2.0", true));

        servers.getDashboardButton().notifyListeners(SWT.Selection, new Event());
        dashboard = (ReleaseDashboardView) page().findView(ReleaseDashboardView.ID);
        assertNotNull(dashboard, "the dashboard should be open");
        DemoFleetControl fleet = dashboard.getFleetControl();
        assertEquals(FLEET, fleet.getDevicesSpinner().getSelection(), "the demo fleet defaults to 200 devices");
        UiWait.until("the dashboard to know the server", this::dashboardHasClient, 30_000);
        fleet.getToggleButton().notifyListeners(SWT.Selection, new Event());
        UiWait.until("200 devices connected", () -> fleet.latest() != null && fleet.latest().connected() == FLEET,
                LONG);

        ReleaseClientView release = runNewReleaseWizard();

        Combo rollouts = dashboard.getRolloutCombo();
        dashboard.getReloadButton().notifyListeners(SWT.Selection, new Event());
        UiWait.until("the new rollout listed", () -> indexOf(rollouts, "#" + release.rolloutId + " ") >= 0, 30_000);
        rollouts.select(indexOf(rollouts, "#" + release.rolloutId + " "));
        rollouts.notifyListeners(SWT.Selection, new Event());
        // RUNNING, or PAUSED should a threshold trip: rollback is allowed from both
        UiWait.until("the rollout live on the dashboard", () -> "RUNNING".equals(dashboard.lastStatus())
                || "PAUSED".equals(dashboard.lastStatus()), 30_000);
        UiWait.until("the coverage series above 0",
                () -> dashboard.getCoverageChart().max(dashboard.coverageSeries()) > 0, LONG);
        double covered = dashboard.getCoverageChart().last(dashboard.coverageSeries());
        assertTrue(covered <= release.matching, "a 50% gray stage of " + release.matching + " devices covers "
                + covered);

        screenshotIfAsked();

        // advancing to the full stage widens coverage to exactly the devices the wizard's preview counted
        dashboard.getAdvanceButton().notifyListeners(SWT.Selection, new Event());
        PublishTaskWizardTest.press(dashboard.getConfirmDialog().getShell(), IDialogConstants.OK_LABEL);
        UiWait.until("coverage to rise to every matching device",
                () -> dashboard.getCoverageChart().last(dashboard.coverageSeries()) == release.matching, LONG);
        assertTrue(dashboard.getCoverageChart().max(dashboard.coverageSeries()) > covered || covered
                == release.matching, "the full stage covers more than the 50% gray stage did");

        Button rollback = dashboard.getRollbackButton();
        assertTrue(rollback.isEnabled(), "rollback is allowed while " + dashboard.lastStatus());
        rollback.notifyListeners(SWT.Selection, new Event());
        var confirm = dashboard.getConfirmDialog();
        assertNotNull(confirm, "rollback asks first");
        PublishTaskWizardTest.press(confirm.getShell(), IDialogConstants.OK_LABEL);
        UiWait.until("the rollout ROLLED_BACK", () -> "ROLLED_BACK".equals(dashboard.lastStatus()), 60_000);
        UiWait.until("the buttons to follow the status", () -> !dashboard.getPauseButton().isEnabled()
                && !dashboard.getRollbackButton().isEnabled(), 30_000);
    }

    /**
     * With {@code WALLE_SCREENSHOT=<file.png>} set, the studio window (maximised, dashboard zoomed) is saved once the
     * charts hold a few polls: this is how docs/images/studio-dashboard.png is made.
     */
    private void screenshotIfAsked() throws Exception {
        String target = System.getenv("WALLE_SCREENSHOT");
        if (target == null || target.isBlank()) {
            return;
        }
        var shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        shell.setMaximized(true);
        page().setPartState(page().getReference(dashboard), IWorkbenchPage.STATE_MAXIMIZED);
        UiWait.until("a few polls on the charts",
                () -> dashboard.getCoverageChart().count(dashboard.coverageSeries()) >= 8, LONG);
        var display = shell.getDisplay();
        var area = shell.getBounds();
        var image = new org.eclipse.swt.graphics.Image(display, area.width, area.height);
        var gc = new org.eclipse.swt.graphics.GC(display);
        try {
            gc.copyArea(image, area.x, area.y);
            var saver = new org.eclipse.swt.graphics.ImageLoader();
            saver.data = new org.eclipse.swt.graphics.ImageData[] {image.getImageData()};
            saver.save(target, SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
        page().setPartState(page().getReference(dashboard), IWorkbenchPage.STATE_RESTORED);
    }

    /** What the wizard produced. */
    private record ReleaseClientView(long rolloutId, int matching) {
    }

    private ReleaseClientView runNewReleaseWizard() {
        servers.getNewReleaseButton().notifyListeners(SWT.Selection, new Event());
        dialog = servers.getReleaseDialog();
        assertNotNull(dialog);
        NewReleaseWizard wizard = (NewReleaseWizard) dialog.getCurrentPage().getWizard();
        ReleaseTaskPage taskPage = wizard.taskPage();
        UiWait.until("tasks and versions loaded", taskPage::isPageComplete, 30_000);
        assertEquals("hello-task", taskPage.taskId());
        assertEquals("1.2.0", taskPage.version());
        next();

        ReleasePolicyPage policy = wizard.policyPage();
        assertTrue(dialog.getCurrentPage() == policy);
        UiWait.until("the preview of the empty policy: every device",
                () -> policy.lastMatching() == FLEET, 30_000);
        policy.getPercentText().setText("150");
        assertFalse(policy.isPageComplete(), "150% is refused");
        assertTrue(policy.getErrorMessage().contains("percentage"), policy.getErrorMessage());
        assertFalse(nextButton().isEnabled(), "invalid input blocks Next");
        policy.getPercentText().setText("ten");
        assertTrue(policy.getErrorMessage().contains("number"), policy.getErrorMessage());
        policy.getPercentText().setText("");
        policy.getRegionText().setText("eu");
        UiWait.until("the preview to narrow to the eu devices",
                () -> policy.lastMatching() > 0 && policy.lastMatching() < FLEET, 30_000);
        int matching = policy.lastMatching();
        assertTrue(policy.getPreviewLabel().getText().contains(Integer.toString(matching)),
                policy.getPreviewLabel().getText());
        assertTrue(nextButton().isEnabled());
        next();

        ReleaseStagesPage stages = wizard.stagesPage();
        stages.getLadderText().setText("50, 20");
        assertFalse(stages.isPageComplete(), "falling stages are refused");
        assertTrue(stages.getErrorMessage().contains("rise"), stages.getErrorMessage());
        assertFalse(nextButton().isEnabled());
        stages.getLadderText().setText("50, 100");
        assertTrue(stages.isPageComplete());
        next();

        assertTrue(wizard.reviewPage().getSummary().contains("hello-task"), wizard.reviewPage().getSummary());
        assertTrue(wizard.reviewPage().getSummary().contains("50% -> full"), wizard.reviewPage().getSummary());
        PublishTaskWizardTest.press(dialog.getShell(), IDialogConstants.FINISH_LABEL);
        UiWait.until("the wizard to close", () -> dialog.getShell() == null || dialog.getShell().isDisposed(),
                60_000);
        assertNotNull(wizard.started(), "Finish should have started a rollout");
        assertEquals("RUNNING", wizard.started().status());
        return new ReleaseClientView(wizard.started().rolloutId(), matching);
    }

    private void publish(Path task) {
        servers.getPublishButton().notifyListeners(SWT.Selection, new Event());
        WizardDialog publish = servers.getPublishDialog();
        PublishTaskPage page = ((PublishTaskWizard) publish.getCurrentPage().getWizard()).page();
        page.getFolderText().setText(task.toString());
        assertEquals(null, page.getErrorMessage());
        PublishTaskWizardTest.press(publish.getShell(), IDialogConstants.FINISH_LABEL);
        UiWait.until("the task published", () -> publish.getShell() == null || publish.getShell().isDisposed(),
                60_000);
    }

    private boolean dashboardHasClient() {
        return dashboard.clientForTests() != null;
    }

    private void next() {
        Button next = nextButton();
        assertTrue(next.isEnabled(), "Next should be enabled on " + dialog.getCurrentPage().getName());
        next.notifyListeners(SWT.Selection, new Event());
    }

    private Button nextButton() {
        Button b = PublishTaskWizardTest.find(dialog.getShell(), IDialogConstants.NEXT_LABEL);
        assertNotNull(b);
        return b;
    }

    private static int indexOf(Combo combo, String prefix) {
        String[] items = combo.getItems();
        for (int i = 0; i < items.length; i++) {
            if (items[i].startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static IWorkbenchPage page() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
    }
}

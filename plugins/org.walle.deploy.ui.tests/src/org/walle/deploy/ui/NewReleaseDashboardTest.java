package org.walle.deploy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.walle.deploy.client.DeployClientException;
import org.walle.deploy.client.MgmtClient;
import org.walle.deploy.ui.internal.release.CoverageSample;
import org.walle.deploy.ui.internal.release.ReleaseClient;
import org.walle.deploy.ui.internal.server.EmbeddedServer;
import org.walle.deploy.ui.internal.server.ServerState;
import org.walle.ui.testsupport.UiWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The release manager's path through real widgets against the embedded server (in-process, free port, temporary
 * data folder). Acceptance: publish the task through the Publish Task wizard, start a 200-device demo fleet from the
 * dashboard, put 1.0.0 on every device, publish 1.1.0, create its release through the New Release wizard with a
 * policy (the "N devices match" preview follows the typing) and a 50% gray stage, watch the coverage chart's
 * 1.1.0 line (the server's count of devices reporting it installed) rise over polls to the gray stage's devices,
 * advance to every matching device, roll back and watch the devices return to 1.0.0. Hostile input typed into the
 * wizard: a percentage above 100, a percentage that is not a number, falling stage percentages (PolicyFormTest and
 * StagePlanTest cover the rest). The kill switch test presses Cancel first and checks nothing changed on the server.
 */
class NewReleaseDashboardTest {
    private static final int FLEET = 200;
    private static final long LONG = 240_000;
    private static final ObjectMapper JSON = new ObjectMapper();
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
    void grayReleaseCoverageRisesOnTheServerAndRollbackReturnsTheDevices() throws Exception {
        Path task = PublishTaskWizardTest.taskFolder(work, "hello-task", "1.0.0", true);
        publish(task, "1.0.0");
        openDashboard();
        DemoFleetControl fleet = dashboard.getFleetControl();
        assertEquals(FLEET, fleet.getDevicesSpinner().getSelection(), "the demo fleet defaults to 200 devices");
        fleet.getToggleButton().notifyListeners(SWT.Selection, new Event());
        UiWait.until("200 devices connected", () -> fleet.latest() != null && fleet.latest().connected() == FLEET,
                LONG);

        // the version to return to: 1.0.0 on every device (set up with the calls the wizard's Finish makes)
        ReleaseClient api = dashboard.clientForTests();
        long baseline = api.createAndStart("hello-task", "1.0.0", JSON.readTree("{\"all\":[]}"),
                JSON.readTree("[{\"kind\":\"FULL\"}]"), step -> { }).rolloutId();
        watch(baseline);
        TimeChart coverage = dashboard.getCoverageChart();
        String v1 = DashboardCharts.installedSeries("1.0.0");
        String v2 = DashboardCharts.installedSeries("1.1.0");
        UiWait.until("the chart to show every device reporting 1.0.0", () -> coverage.last(v1) == FLEET, LONG);

        PublishTaskWizardTest.taskFolder(work, "hello-task", "1.1.0", true);
        publish(task, "1.1.0");
        ReleaseClientView release = runNewReleaseWizard("1.1.0");
        int gray = api.sample(release.rolloutId, 0).assigned();
        assertTrue(gray > release.matching / 4 && gray < release.matching * 3 / 4, "a 50% gray stage of "
                + release.matching + " matching devices reaches " + gray);

        watch(release.rolloutId);
        UiWait.until("the 1.1.0 line to reach the gray stage's " + gray + " devices", () -> coverage.last(v2) >= gray,
                LONG);
        assertEquals(0, coverage.min(v2), "the line starts at 0, the poll before any device had 1.1.0");
        assertTrue(coverage.count(v2) >= 2, "a rise over polls, not one point");
        assertEquals(gray, coverage.last(v2), "only the gray stage's devices run 1.1.0");
        UiWait.until("the devices that moved to leave the 1.0.0 line", () -> coverage.last(v1) == FLEET - gray,
                LONG);

        // the full stage widens coverage to exactly the devices the wizard's preview counted
        press(dashboard.getAdvanceButton(), IDialogConstants.OK_LABEL);
        UiWait.until("the 1.1.0 line to reach every matching device", () -> coverage.last(v2) == release.matching
                && coverage.last(v1) == FLEET - release.matching, LONG);
        screenshotIfAsked(v2);

        press(dashboard.getRollbackButton(), IDialogConstants.OK_LABEL);
        UiWait.until("the rollout ROLLED_BACK", () -> "ROLLED_BACK".equals(dashboard.lastStatus()), 60_000);
        UiWait.until("every device back on 1.0.0", () -> coverage.last(v1) == FLEET && coverage.last(v2) == 0, LONG);
        assertEquals(release.matching, coverage.max(v2), "the line went up to the matching devices, then down");
        CoverageSample server = api.coverage("hello-task");
        assertEquals(FLEET, installed(server, "1.0.0"), "the chart shows what the server counts: " + server);
        assertEquals(0, installed(server, "1.1.0"), String.valueOf(server));
        UiWait.until("the buttons to follow the status", () -> !dashboard.getPauseButton().isEnabled()
                && !dashboard.getRollbackButton().isEnabled(), 30_000);
    }

    @Test
    void killSwitchAsksFirstThenPausesEveryRolloutOnTheServer() throws Exception {
        publish(PublishTaskWizardTest.taskFolder(work, "kill-task", "1.0.0", true), "1.0.0");
        openDashboard();
        ReleaseClient api = dashboard.clientForTests();
        long rollout = api.createAndStart("kill-task", "1.0.0", JSON.readTree("{\"all\":[]}"),
                JSON.readTree("[{\"kind\":\"GRAY\",\"percent\":50},{\"kind\":\"FULL\"}]"), step -> { }).rolloutId();
        watch(rollout);
        Button kill = dashboard.getKillSwitchButton();
        assertEquals(ReleaseMessages.Dashboard_killSwitch, kill.getText());
        assertEquals("", dashboard.getKillBanner().getText());

        press(kill, IDialogConstants.CANCEL_LABEL);
        assertFalse(api.killSwitch(), "Cancel leaves the server's kill switch off");
        assertEquals("RUNNING", api.sample(rollout, 0).status());

        press(kill, IDialogConstants.OK_LABEL);
        UiWait.until("the server's kill switch on", api::killSwitch, 30_000);
        assertEquals("PAUSED", api.sample(rollout, 0).status(), "the kill switch pauses every running rollout");
        UiWait.until("the dashboard to show the killed state", () -> dashboard.killSwitchShown()
                && "PAUSED".equals(dashboard.lastStatus()), 30_000);
        assertEquals(ReleaseMessages.Dashboard_killBanner, dashboard.getKillBanner().getText());
        assertEquals(ReleaseMessages.Dashboard_killSwitchOff, kill.getText());
        assertFalse(dashboard.getResumeButton().isEnabled(), "the server refuses resume while the switch is on");
        assertFalse(dashboard.getAdvanceButton().isEnabled());
        MgmtClient admin = new MgmtClient(api.server(), embedded.token().orElseThrow());
        DeployClientException refused = assertThrows(DeployClientException.class,
                () -> admin.verb(rollout, "resume", "trying anyway"));
        assertEquals(409, refused.status());
        JsonNode audit = admin.get("/api/v1/audit?target=server");
        assertTrue(audit.toString().contains("killswitch.on"), audit.toString());

        press(kill, IDialogConstants.OK_LABEL);
        UiWait.until("the server's kill switch off", () -> !api.killSwitch(), 30_000);
        UiWait.until("the dashboard to drop the killed state", () -> !dashboard.killSwitchShown()
                && dashboard.getResumeButton().isEnabled(), 30_000);
        assertEquals("", dashboard.getKillBanner().getText());
        assertEquals(ReleaseMessages.Dashboard_killSwitch, kill.getText());
        assertEquals("PAUSED", api.sample(rollout, 0).status(), "turning the switch off resumes nothing by itself");
    }

    /** Clicks a dashboard button that asks first, and answers the confirmation with {@code answer}. */
    private void press(Button button, String answer) {
        assertTrue(button.isEnabled(), button.getText() + " should be enabled");
        button.notifyListeners(SWT.Selection, new Event());
        var confirm = dashboard.getConfirmDialog();
        assertNotNull(confirm, button.getText() + " asks first");
        PublishTaskWizardTest.press(confirm.getShell(), answer);
    }

    private static long installed(CoverageSample c, String version) {
        return c.versions().stream().filter(v -> v.label().equals(version))
                .mapToLong(CoverageSample.Version::installed).sum();
    }

    private void openDashboard() {
        servers.getDashboardButton().notifyListeners(SWT.Selection, new Event());
        dashboard = (ReleaseDashboardView) page().findView(ReleaseDashboardView.ID);
        assertNotNull(dashboard, "the dashboard should be open");
        UiWait.until("the dashboard to know the server", () -> dashboard.clientForTests() != null, 30_000);
    }

    /** Picks the rollout in the dashboard's list, as a user would, and waits for its first poll. */
    private void watch(long rolloutId) {
        Combo rollouts = dashboard.getRolloutCombo();
        dashboard.getReloadButton().notifyListeners(SWT.Selection, new Event());
        UiWait.until("rollout #" + rolloutId + " listed", () -> indexOf(rollouts, "#" + rolloutId + " ") >= 0,
                30_000);
        rollouts.select(indexOf(rollouts, "#" + rolloutId + " "));
        rollouts.notifyListeners(SWT.Selection, new Event());
        // RUNNING, or PAUSED should a threshold trip: rollback is allowed from both
        UiWait.until("the rollout live on the dashboard", () -> "RUNNING".equals(dashboard.lastStatus())
                || "PAUSED".equals(dashboard.lastStatus()), 30_000);
    }

    /**
     * With {@code WALLE_SCREENSHOT=<file.png>} set, the studio window (maximised, dashboard zoomed) is saved once the
     * charts hold a few polls: this is how docs/images/studio-dashboard.png is made.
     */
    private void screenshotIfAsked(String series) throws Exception {
        String target = System.getenv("WALLE_SCREENSHOT");
        if (target == null || target.isBlank()) {
            return;
        }
        var shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        shell.setMaximized(true);
        page().setPartState(page().getReference(dashboard), IWorkbenchPage.STATE_MAXIMIZED);
        int points = dashboard.getCoverageChart().count(series);
        UiWait.until("a few more polls on the charts", () -> dashboard.getCoverageChart().count(series) >= points + 3,
                LONG);
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

    private ReleaseClientView runNewReleaseWizard(String version) {
        servers.getNewReleaseButton().notifyListeners(SWT.Selection, new Event());
        dialog = servers.getReleaseDialog();
        assertNotNull(dialog);
        NewReleaseWizard wizard = (NewReleaseWizard) dialog.getCurrentPage().getWizard();
        ReleaseTaskPage taskPage = wizard.taskPage();
        UiWait.until("tasks and versions loaded", taskPage::isPageComplete, 30_000);
        assertEquals("hello-task", taskPage.taskId());
        assertEquals(version, taskPage.version(), "the newest version comes first");
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

    private void publish(Path task, String version) {
        servers.getPublishButton().notifyListeners(SWT.Selection, new Event());
        WizardDialog publish = servers.getPublishDialog();
        PublishTaskPage page = ((PublishTaskWizard) publish.getCurrentPage().getWizard()).page();
        page.getFolderText().setText(task.toString());
        assertEquals(null, page.getErrorMessage());
        assertEquals(version, page.getVersionText().getText(), "the version comes from task.json");
        PublishTaskWizardTest.press(publish.getShell(), IDialogConstants.FINISH_LABEL);
        UiWait.until("the task published", () -> publish.getShell() == null || publish.getShell().isDisposed(),
                60_000);
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

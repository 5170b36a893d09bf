package org.walle.deploy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.deploy.client.MgmtClient;
import org.walle.deploy.ui.internal.server.EmbeddedServer;
import org.walle.deploy.ui.internal.server.ServerState;
import org.walle.ui.testsupport.UiWait;

/**
 * Drives the real Servers view in the running workbench: the embedded server is started and stopped through its
 * buttons, and checked from outside over HTTP and by binding its port. Hostile cases: a port another socket holds,
 * a malformed remote URL.
 */
class ServersViewTest {
    private static final long START_TIMEOUT_MS = 60_000;
    @TempDir
    Path data;
    private ServersView view;
    private EmbeddedServer embedded;
    private IPreferenceStore prefs;
    private boolean automatedMode;

    @BeforeEach
    void openViewWithStoppedServer() throws Exception {
        // the test harness suppresses ErrorDialogs; these tests check that the dialog really opens
        automatedMode = ErrorDialog.AUTOMATED_MODE;
        ErrorDialog.AUTOMATED_MODE = false;
        prefs = Activator.getDefault().getPreferenceStore();
        prefs.setValue(DeployPreferences.AUTOSTART, false);
        prefs.setValue(DeployPreferences.DATA_DIR, data.toString());
        prefs.setValue(DeployPreferences.PORT, freePort());
        embedded = Activator.getDefault().registry().embedded();
        // the studio may have autostarted it: let that finish, then stop it so every test starts from STOPPED
        UiWait.until("start/stop jobs to finish", () -> Job.getJobManager().find(ServerJobs.FAMILY).length == 0,
                START_TIMEOUT_MS);
        embedded.stop();
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        view = (ServersView) page.showView(ServersView.ID);
        waitForStatus("stopped");
    }

    @AfterEach
    void stopServerAndCloseDialogs() {
        closeErrorDialog();
        ErrorDialog.AUTOMATED_MODE = automatedMode;
        if (view.getLogDialog() != null) {
            view.getLogDialog().close();
        }
        UiWait.until("start/stop jobs to finish", () -> Job.getJobManager().find(ServerJobs.FAMILY).length == 0,
                START_TIMEOUT_MS);
        embedded.stop();
        prefs.setToDefault(DeployPreferences.PORT);
        prefs.setToDefault(DeployPreferences.DATA_DIR);
    }

    @Test
    void startButtonRunsTheServerAndStopReleasesItsPort() throws Exception {
        int port = prefs.getInt(DeployPreferences.PORT);
        click(view.getStartButton());
        waitForStatus("running");
        assertEquals("http://127.0.0.1:" + port, cell(ServerLabels.URL));
        assertFalse(EmbeddedServer.isPortFree(port), "the server should hold its port");

        HttpResponse<String> openApi = get(URI.create(cell(ServerLabels.URL) + "/api/v1/openapi.json"));
        assertEquals(200, openApi.statusCode());
        assertTrue(openApi.body().contains("\"openapi\""), openApi.body());
        UiWait.until("counts from the API", () -> "0".equals(cell(ServerLabels.TASKS)), 30_000);
        assertEquals("0", cell(ServerLabels.DEVICES));
        assertEquals("0", cell(ServerLabels.RELEASES));
        assertTrue(view.getStopButton().isEnabled());
        assertFalse(view.getStartButton().isEnabled());

        click(view.getStopButton());
        waitForStatus("stopped");
        assertEquals("", cell(ServerLabels.URL));
        assertTrue(EmbeddedServer.isPortFree(port), "port " + port + " should be free after Stop");
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void countsFollowWhatTheServerHolds() throws Exception {
        click(view.getStartButton());
        waitForStatus("running");
        String token = embedded.log() == null ? null
                : java.nio.file.Files.readString(data.resolve("admin.token")).trim();
        assertNotNull(token);
        MgmtClient client = new MgmtClient(URI.create(cell(ServerLabels.URL)), token);
        client.createTask("hello", "Hello task");
        client.createTask("world", "World task");
        click(view.getRefreshButton());
        UiWait.until("two tasks in the view", () -> "2".equals(cell(ServerLabels.TASKS)), 30_000);
    }

    @Test
    void aPortChangeTakesEffectOnRestart() throws Exception {
        int first = prefs.getInt(DeployPreferences.PORT);
        click(view.getStartButton());
        waitForStatus("running");
        int second = freePort();
        assertNotEquals(first, second);
        prefs.setValue(DeployPreferences.PORT, second);
        assertEquals("http://127.0.0.1:" + first, cell(ServerLabels.URL), "a running server keeps its port");

        click(view.getStopButton());
        waitForStatus("stopped");
        click(view.getStartButton());
        waitForStatus("running");
        assertEquals("http://127.0.0.1:" + second, cell(ServerLabels.URL));
        assertEquals(200, get(URI.create("http://127.0.0.1:" + second + "/api/v1/openapi.json")).statusCode());
        assertTrue(EmbeddedServer.isPortFree(first), "the old port should be free");
    }

    @Test
    void aBusyPortOpensAnErrorDialogWithDetailsAndTheLogSaysWhy() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = squatter.getLocalPort();
            prefs.setValue(DeployPreferences.PORT, port);
            ErrorDialog before = ServerErrors.lastDialog();
            click(view.getStartButton());
            UiWait.until("the error dialog", () -> ServerErrors.lastDialog() != before
                    && ServerErrors.lastDialog().getShell() != null
                    && ServerErrors.lastDialog().getShell().isVisible(), START_TIMEOUT_MS);
            waitForStatus("failed");
            assertTrue(cell(ServerLabels.DETAIL).contains("port " + port + " is already in use"),
                    cell(ServerLabels.DETAIL));
            String dialogText = allText(ServerErrors.lastDialog().getShell());
            assertTrue(dialogText.contains("127.0.0.1:" + port) && dialogText.contains("already in use"), dialogText);
            assertTrue(view.getStartButton().isEnabled(), "a failed server can be started again");
            closeErrorDialog();

            click(view.getOpenLogButton());
            UiWait.until("the log dialog", () -> view.getLogDialog() != null && view.getLogDialog().getText() != null,
                    10_000);
            String log = view.getLogDialog().getText().getText();
            assertTrue(log.contains("start failed: port " + port + " is already in use"), log);
            assertTrue(log.contains("BindException"), "the log keeps the stack trace:\n" + log);
        }
    }

    @Test
    void autostartFallsBackToAFreePortWhenTheConfiguredOneIsBusy() throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            prefs.setValue(DeployPreferences.PORT, squatter.getLocalPort());
            ServerJobs.start(embedded, true);
            waitForStatus("running");
            assertNotEquals("http://127.0.0.1:" + squatter.getLocalPort(), cell(ServerLabels.URL));
            assertEquals(200, get(URI.create(cell(ServerLabels.URL) + "/api/v1/openapi.json")).statusCode());
            assertTrue(embedded.log().read().contains("is busy at studio start"));
        }
    }

    @Test
    void aRemoteServerIsListedWithItsStatus() throws Exception {
        click(view.getStartButton());
        waitForStatus("running");
        // the embedded server, seen as a remote one: reachable, and without WALLE_TOKEN no counts
        URI url = URI.create(cell(ServerLabels.URL));
        assertTrue(view.addRemote(url));
        try {
            Table table = view.getViewer().getTable();
            UiWait.until("the remote row running", () -> table.getItemCount() == 2
                    && "running".equals(table.getItem(1).getText(ServerLabels.STATUS)), 30_000);
            assertEquals(url.toString(), table.getItem(1).getText(ServerLabels.URL));
            click(view.getStopButton());
            waitForStatus("stopped");
            click(view.getRefreshButton());
            UiWait.until("the remote row failed", () -> "failed".equals(table.getItem(1).getText(ServerLabels.STATUS)),
                    30_000);
            assertTrue(table.getItem(1).getText(ServerLabels.DETAIL).startsWith("not reachable"));
        } finally {
            Activator.getDefault().registry().entries().stream()
                    .filter(e -> e instanceof org.walle.deploy.ui.internal.server.RemoteServer).forEach(
                            e -> Activator.getDefault().registry().removeRemote(
                                    (org.walle.deploy.ui.internal.server.RemoteServer) e));
            DeployPreferences.storeRemoteUrls(prefs, java.util.List.of());
        }
    }

    @Test
    void malformedRemoteUrlsAreRejectedWithTheReason() {
        IllegalArgumentException scheme = assertThrows(IllegalArgumentException.class,
                () -> org.walle.deploy.ui.internal.server.RemoteServer.parseUrl("ftp://example.org"));
        assertTrue(scheme.getMessage().contains("http://"), scheme.getMessage());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
                () -> org.walle.deploy.ui.internal.server.RemoteServer.parseUrl("  "));
        assertTrue(blank.getMessage().contains("http://"), blank.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> org.walle.deploy.ui.internal.server.RemoteServer.parseUrl("http://exa mple.org"));
    }

    private void waitForStatus(String status) {
        UiWait.until("status " + status + " (now " + cell(ServerLabels.STATUS) + ", " + cell(ServerLabels.DETAIL)
                + ")", () -> status.equals(cell(ServerLabels.STATUS)), START_TIMEOUT_MS);
    }

    private String cell(int column) {
        Table table = view.getViewer().getTable();
        TableItem row = table.getItem(0);
        return row.getText(column);
    }

    private static void click(Button button) {
        assertTrue(button.isEnabled(), button.getText() + " should be enabled");
        button.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
    }

    private static void closeErrorDialog() {
        ErrorDialog d = ServerErrors.lastDialog();
        if (d != null && d.getShell() != null && !d.getShell().isDisposed()) {
            d.close();
        }
    }

    private static String allText(org.eclipse.swt.widgets.Control c) {
        StringBuilder b = new StringBuilder();
        if (c instanceof org.eclipse.swt.widgets.Label l) {
            b.append(l.getText()).append('\n');
        } else if (c instanceof org.eclipse.swt.widgets.Text t) {
            b.append(t.getText()).append('\n');
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (org.eclipse.swt.widgets.Control child : comp.getChildren()) {
                b.append(allText(child));
            }
        }
        return b.toString();
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

package org.walle.deploy.ui;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;
import org.walle.deploy.ui.internal.release.CoverageSample;
import org.walle.deploy.ui.internal.release.ReleaseClient;
import org.walle.deploy.ui.internal.release.ReleaseClient.RolloutRef;
import org.walle.deploy.ui.internal.release.RolloutSample;
import org.walle.deploy.ui.internal.server.ServerEntry;
import org.walle.deploy.ui.internal.server.ServerState;

/**
 * One rollout on one server: its status and {@link DashboardCharts} fed by polling the server in a job, the lifecycle
 * verbs and the server's global kill switch (each confirmed), and a demo fleet to make the charts move.
 */
public final class ReleaseDashboardView extends ViewPart {
    public static final String ID = "org.walle.deploy.ui.releaseDashboard";
    /** How often the selected rollout is polled. */
    static final long POLL_MS = 2000;
    private Display display;
    private List<ServerEntry> servers = List.of();
    private List<RolloutRef> rollouts = List.of();
    private Combo serverCombo;
    private Combo rolloutCombo;
    private Button reload;
    private Label status;
    private Button pause;
    private Button resume;
    private Button advance;
    private Button rollback;
    private Button killSwitch;
    private Label killBanner;
    private DashboardCharts charts;
    private DemoFleetControl fleet;
    private MessageDialog confirmDialog;
    private volatile RolloutRef watched;
    private volatile ReleaseClient client;
    /** Start of the time axis: when the dashboard began watching the current rollout's task. */
    private volatile long watchStart;
    private volatile String watchedTask;
    private volatile RolloutSample lastSample;
    private volatile boolean killSwitchOn;
    private volatile boolean disposed;
    private Job pollJob;

    @Override
    public void createPartControl(Composite parent) {
        display = parent.getDisplay();
        parent.setLayout(new GridLayout(1, false));
        Composite pick = row(parent);
        new Label(pick, SWT.NONE).setText(ReleaseMessages.Dashboard_server);
        serverCombo = new Combo(pick, SWT.READ_ONLY);
        new Label(pick, SWT.NONE).setText(ReleaseMessages.Dashboard_rollout);
        rolloutCombo = new Combo(pick, SWT.READ_ONLY);
        reload = button(pick, ReleaseMessages.Dashboard_reload, this::reloadRollouts);
        serverCombo.addListener(SWT.Selection, e -> reloadRollouts());
        rolloutCombo.addListener(SWT.Selection, e -> watch());

        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        status.setText(ReleaseMessages.Dashboard_noRollout);

        Composite verbs = row(parent);
        pause = verbButton(verbs, ReleaseMessages.Dashboard_pause, "pause");
        resume = verbButton(verbs, ReleaseMessages.Dashboard_resume, "resume");
        advance = verbButton(verbs, ReleaseMessages.Dashboard_advance, "advance");
        rollback = verbButton(verbs, ReleaseMessages.Dashboard_rollback, "rollback");
        killSwitch = button(verbs, ReleaseMessages.Dashboard_killSwitch, this::toggleKillSwitch);
        fleet = new DemoFleetControl(verbs, () -> client);
        killBanner = new Label(parent, SWT.NONE);
        killBanner.setForeground(display.getSystemColor(SWT.COLOR_RED));
        killBanner.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        charts = new DashboardCharts(parent);
        pollJob = Job.create(ReleaseMessages.Dashboard_poll, monitor -> {
            poll();
            if (!disposed) {
                pollJob.schedule(POLL_MS);
            }
            return Status.OK_STATUS;
        });
        pollJob.setSystem(true);
        reloadRollouts();
        updateButtons();
        pollJob.schedule();
    }

    private static Composite row(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new RowLayout(SWT.HORIZONTAL));
        return c;
    }

    private static Button button(Composite parent, String text, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    private Button verbButton(Composite parent, String text, String verb) {
        return button(parent, text, () -> {
            RolloutRef r = watched;
            if (r != null) {
                confirm(NLS.bind(ReleaseMessages.Dashboard_confirm, verb, r.id()),
                        () -> runVerb(text, c -> c.verb(r.id(), verb, "from the studio dashboard")));
            }
        });
    }

    /** Servers the studio can operate (running, with a token); the embedded one first. */
    private void fillServers() {
        servers = Activator.getDefault().registry().entries().stream()
                .filter(s -> s.state() == ServerState.RUNNING && s.token().isPresent()).toList();
        serverCombo.setItems(servers.stream().map(s -> s.name() + "  " + s.url()).toArray(String[]::new));
        if (!servers.isEmpty()) {
            serverCombo.select(0);
        }
        serverCombo.getParent().layout();
    }

    /** Re-reads servers and their rollouts (in a job) and keeps the watched rollout selected. */
    void reloadRollouts() {
        int serverIndex = serverCombo.getSelectionIndex();
        String chosen = serverIndex < 0 ? null : serverCombo.getItem(serverIndex);
        fillServers();
        int again = chosen == null ? -1 : List.of(serverCombo.getItems()).indexOf(chosen);
        if (again >= 0) {
            serverCombo.select(again);
        }
        int i = serverCombo.getSelectionIndex();
        if (i < 0) {
            return;
        }
        ServerEntry s = servers.get(i);
        ReleaseClient c = new ReleaseClient(s.url(), s.token().orElseThrow());
        ReleaseClient before = client;
        if (before == null || !before.server().equals(c.server())) {
            watchedTask = null; // the same task name on another server is another task: its chart starts over
        }
        client = c;
        Job.create(ReleaseMessages.Dashboard_reload, monitor -> {
            List<RolloutRef> found;
            try {
                found = c.rollouts();
            } catch (RuntimeException e) {
                showProblem(e.getMessage());
                return Status.OK_STATUS;
            }
            display.asyncExec(() -> showRollouts(found));
            return Status.OK_STATUS;
        }).schedule();
    }

    private void showRollouts(List<RolloutRef> found) {
        if (rolloutCombo.isDisposed()) {
            return;
        }
        rollouts = new ArrayList<>(found);
        rolloutCombo.setItems(found.stream().map(RolloutRef::label).toArray(String[]::new));
        RolloutRef w = watched;
        for (int k = 0; w != null && k < found.size(); k++) {
            if (found.get(k).id() == w.id()) {
                rolloutCombo.select(k);
            }
        }
        rolloutCombo.getParent().layout();
    }

    /**
     * Starts watching the selected rollout, with an immediate poll. The stage charts start over; coverage belongs to
     * the task and starts over only for another task.
     */
    private void watch() {
        int i = rolloutCombo.getSelectionIndex();
        watched = i < 0 ? null : rollouts.get(i);
        lastSample = null;
        String task = watched == null ? null : watched.taskId();
        if (task == null || !task.equals(watchedTask)) {
            watchStart = System.currentTimeMillis();
            charts.clearAll();
        } else {
            charts.clearStage();
        }
        watchedTask = task;
        updateButtons();
        pollJob.cancel();
        pollJob.schedule();
    }

    /** One poll, off the UI thread: the kill switch always, the watched rollout and its task's coverage if any. */
    private void poll() {
        ReleaseClient c = client;
        RolloutRef r = watched;
        if (c == null) {
            return;
        }
        try {
            boolean kill = c.killSwitch();
            if (r == null) {
                display.asyncExec(() -> showKillSwitch(kill));
                return;
            }
            RolloutSample s = c.sample(r.id(), System.currentTimeMillis());
            CoverageSample cov = c.coverage(r.taskId());
            display.asyncExec(() -> show(r, s, cov, kill));
        } catch (RuntimeException e) {
            showProblem(e.getMessage());
        }
    }

    private void showKillSwitch(boolean kill) {
        if (killBanner.isDisposed()) {
            return;
        }
        killSwitchOn = kill;
        killBanner.setText(kill ? ReleaseMessages.Dashboard_killBanner : "");
        updateButtons();
    }

    private void show(RolloutRef r, RolloutSample s, CoverageSample cov, boolean kill) {
        if (status.isDisposed() || watched == null || watched.id() != r.id()) {
            return;
        }
        lastSample = s;
        double t = (s.atMillis() - watchStart) / 1000.0;
        charts.addStage(t, s);
        charts.addCoverage(t, cov, r.releaseId(), r.version());
        showKillSwitch(kill);
        long running = cov.versions().stream().filter(v -> v.releaseId() == r.releaseId())
                .mapToLong(CoverageSample.Version::installed).sum();
        status.setText(NLS.bind(ReleaseMessages.Dashboard_status, new Object[] {s.status(), s.stageIndex() + 1,
            s.stageCount(), s.stageName(), s.assigned(), s.successes(), s.errors(), s.p95LatencyMs(),
            kill ? ReleaseMessages.Dashboard_killOn : "", running}) + (s.statusReason().isEmpty() ? "" : "\n"
                    + s.statusReason()));
        status.getParent().layout();
        updateButtons();
    }

    private void showProblem(String message) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!status.isDisposed()) {
                    status.setText(String.valueOf(message));
                }
            });
        }
    }

    private void updateButtons() {
        RolloutSample s = lastSample;
        String st = s == null ? "" : s.status();
        pause.setEnabled("RUNNING".equals(st));
        // the server refuses resume and advance while the kill switch is on
        resume.setEnabled("PAUSED".equals(st) && !killSwitchOn);
        advance.setEnabled(("RUNNING".equals(st) || "PAUSED".equals(st)) && !killSwitchOn);
        rollback.setEnabled("RUNNING".equals(st) || "PAUSED".equals(st) || "COMPLETED".equals(st));
        killSwitch.setText(killSwitchOn ? ReleaseMessages.Dashboard_killSwitchOff : ReleaseMessages.Dashboard_killSwitch);
        killSwitch.setEnabled(client != null);
        killSwitch.getParent().layout();
    }

    private void toggleKillSwitch() {
        boolean on = !killSwitchOn;
        confirm(NLS.bind(ReleaseMessages.Dashboard_confirmKill, on ? "on" : "off"),
                () -> runVerb(killSwitch.getText(), c -> c.killSwitch(on)));
    }

    /** Asks first; the action runs only on OK. Tests open the dialog without a nested event loop. */
    private void confirm(String question, Runnable onOk) {
        confirmDialog = new MessageDialog(getSite().getShell(), ReleaseMessages.Dashboard_confirmTitle, null,
                question, MessageDialog.CONFIRM, 0, IDialogConstants.OK_LABEL, IDialogConstants.CANCEL_LABEL) {
            @Override
            protected void buttonPressed(int buttonId) {
                super.buttonPressed(buttonId);
                if (buttonId == 0) {
                    onOk.run();
                }
            }
        };
        confirmDialog.setBlockOnOpen(!Boolean.getBoolean(ServersView.NON_BLOCKING_DIALOGS));
        confirmDialog.open();
    }

    /** Sends a verb in a job; a refusal (409 and the like) shows in the status line, then the next poll follows. */
    private void runVerb(String name, java.util.function.Consumer<ReleaseClient> verb) {
        ReleaseClient c = client;
        if (c == null) {
            return;
        }
        Job.create(name, monitor -> {
            try {
                verb.accept(c);
            } catch (RuntimeException e) {
                showProblem(NLS.bind(ReleaseMessages.Dashboard_verbFailed, name, e.getMessage()));
                return Status.OK_STATUS;
            }
            pollJob.cancel();
            pollJob.schedule();
            return Status.OK_STATUS;
        }).schedule();
    }

    @Override
    public void setFocus() {
        rolloutCombo.setFocus();
    }

    @Override
    public void dispose() {
        disposed = true;
        if (pollJob != null) {
            pollJob.cancel();
        }
        if (fleet != null) {
            fleet.stop();
        }
        super.dispose();
    }

    ReleaseClient clientForTests() {
        return client;
    }

    Combo getRolloutCombo() {
        return rolloutCombo;
    }

    Button getReloadButton() {
        return reload;
    }

    Button getRollbackButton() {
        return rollback;
    }

    Button getAdvanceButton() {
        return advance;
    }

    Button getPauseButton() {
        return pause;
    }

    DemoFleetControl getFleetControl() {
        return fleet;
    }

    TimeChart getCoverageChart() {
        return charts.coverage();
    }

    TimeChart getReportsChart() {
        return charts.reports();
    }

    Button getKillSwitchButton() {
        return killSwitch;
    }

    Button getResumeButton() {
        return resume;
    }

    Label getKillBanner() {
        return killBanner;
    }

    /** The kill switch as of the latest poll. */
    boolean killSwitchShown() {
        return killSwitchOn;
    }

    MessageDialog getConfirmDialog() {
        return confirmDialog;
    }

    /** The status of the latest poll, or {@code null}. */
    String lastStatus() {
        RolloutSample s = lastSample;
        return s == null ? null : s.status();
    }
}

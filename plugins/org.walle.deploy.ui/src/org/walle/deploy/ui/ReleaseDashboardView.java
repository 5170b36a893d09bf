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
import org.walle.deploy.ui.internal.release.ReleaseClient;
import org.walle.deploy.ui.internal.release.ReleaseClient.RolloutRef;
import org.walle.deploy.ui.internal.release.RolloutSample;
import org.walle.deploy.ui.internal.server.ServerEntry;
import org.walle.deploy.ui.internal.server.ServerState;

/**
 * One rollout on one server: stage and status, coverage, stage reports and latency charts fed by polling the server
 * in a job, the lifecycle verbs and the kill switch (each confirmed), and a demo fleet to make the charts move.
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
    private TimeChart coverage;
    private TimeChart reports;
    private TimeChart latency;
    private DemoFleetControl fleet;
    private MessageDialog confirmDialog;
    private volatile RolloutRef watched;
    private volatile ReleaseClient client;
    private volatile long watchStart;
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

        Composite charts = new Composite(parent, SWT.NONE);
        charts.setLayout(new GridLayout(3, true));
        charts.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        coverage = chart(charts, ReleaseMessages.Dashboard_coverageChart, ReleaseMessages.Dashboard_devices);
        reports = chart(charts, ReleaseMessages.Dashboard_reportsChart, ReleaseMessages.Dashboard_reports);
        latency = chart(charts, ReleaseMessages.Dashboard_latencyChart, ReleaseMessages.Dashboard_ms);
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

    private static TimeChart chart(Composite parent, String title, String yLabel) {
        TimeChart c = new TimeChart(parent, title, ReleaseMessages.Dashboard_time, yLabel);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true);
        gd.minimumHeight = 200;
        gd.minimumWidth = 200;
        c.setLayoutData(gd);
        return c;
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

    /** Starts watching the selected rollout: fresh charts, an immediate poll. */
    private void watch() {
        int i = rolloutCombo.getSelectionIndex();
        watched = i < 0 ? null : rollouts.get(i);
        watchStart = System.currentTimeMillis();
        lastSample = null;
        coverage.clear();
        reports.clear();
        latency.clear();
        updateButtons();
        pollJob.cancel();
        pollJob.schedule();
    }

    /** One poll, off the UI thread. */
    private void poll() {
        ReleaseClient c = client;
        RolloutRef r = watched;
        if (c == null || r == null) {
            return;
        }
        try {
            RolloutSample s = c.sample(r.id(), System.currentTimeMillis());
            boolean kill = c.killSwitch();
            display.asyncExec(() -> show(r, s, kill));
        } catch (RuntimeException e) {
            showProblem(e.getMessage());
        }
    }

    private void show(RolloutRef r, RolloutSample s, boolean kill) {
        if (status.isDisposed() || watched == null || watched.id() != r.id()) {
            return;
        }
        lastSample = s;
        killSwitchOn = kill;
        double t = (s.atMillis() - watchStart) / 1000.0;
        coverage.add(coverageSeries(), t, s.assigned());
        fleet.addCoverage(coverage, t);
        reports.add(ReleaseMessages.Dashboard_successes, t, s.successes());
        reports.add(ReleaseMessages.Dashboard_errors, t, s.errors());
        latency.add(ReleaseMessages.Dashboard_p95, t, s.p95LatencyMs());
        status.setText(NLS.bind(ReleaseMessages.Dashboard_status, new Object[] {s.status(), s.stageIndex() + 1,
            s.stageCount(), s.stageName(), s.assigned(), s.successes(), s.errors(), s.p95LatencyMs(),
            kill ? ReleaseMessages.Dashboard_killOn : ""}) + (s.statusReason().isEmpty() ? "" : "\n"
                    + s.statusReason()));
        status.getParent().layout();
        updateButtons();
    }

    /** The coverage series of the watched rollout: devices assigned its release's version. */
    String coverageSeries() {
        RolloutRef r = watched;
        return NLS.bind(ReleaseMessages.Dashboard_assigned, r == null ? "" : r.taskId() + " " + r.version());
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
        resume.setEnabled("PAUSED".equals(st));
        advance.setEnabled("RUNNING".equals(st) || "PAUSED".equals(st));
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
        return coverage;
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

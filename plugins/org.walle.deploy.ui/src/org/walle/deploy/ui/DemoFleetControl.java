package org.walle.deploy.ui;

import java.util.function.Supplier;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.walle.deploy.ui.internal.release.DemoFleet;
import org.walle.deploy.ui.internal.release.ReleaseClient;
import org.walle.device.FleetSnapshot;

/**
 * "Start demo fleet (N devices)": an emulated fleet in the studio's JVM against the dashboard's server, so a
 * rollout's charts move. The fleet registers with an enrollment token the studio issues with its admin token.
 */
final class DemoFleetControl {
    private final Supplier<ReleaseClient> client;
    private final Spinner devices;
    private final Button toggle;
    private final Label state;
    private volatile DemoFleet fleet;
    private volatile FleetSnapshot latest;
    private volatile Job job;

    DemoFleetControl(Composite parent, Supplier<ReleaseClient> client) {
        this.client = client;
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new RowLayout(SWT.HORIZONTAL));
        new Label(c, SWT.NONE).setText(ReleaseMessages.Dashboard_fleetDevices);
        devices = new Spinner(c, SWT.BORDER);
        devices.setValues(200, 1, 10_000, 0, 10, 100);
        toggle = new Button(c, SWT.PUSH);
        toggle.setText(ReleaseMessages.Dashboard_startFleet);
        toggle.addListener(SWT.Selection, e -> {
            if (job == null) {
                start();
            } else {
                stop();
            }
        });
        state = new Label(c, SWT.NONE);
    }

    private void start() {
        ReleaseClient c = client.get();
        if (c == null) {
            return;
        }
        int n = devices.getSelection();
        var display = toggle.getDisplay();
        toggle.setText(ReleaseMessages.Dashboard_stopFleet);
        toggle.getParent().layout();
        job = Job.create(NLS.bind(ReleaseMessages.Dashboard_fleetStarting, n), monitor -> {
            SubMonitor sub = SubMonitor.convert(monitor, NLS.bind(ReleaseMessages.Dashboard_fleetStarting, n), 2);
            DemoFleet started = null;
            try {
                String token = c.enrollmentToken("studio-demo-fleet");
                started = DemoFleet.start(c.server(), token, n, line -> {
                    sub.subTask(line);
                    show(display, line);
                });
                fleet = started;
                if (job == null) { // stopped while the devices registered
                    started.close();
                    return Status.OK_STATUS;
                }
                sub.split(1);
                started.run(s -> {
                    latest = s;
                    show(display, s.connected() + "/" + s.devices() + " connected, " + s.installs() + " installs, "
                            + s.runs() + " runs, " + s.runErrors() + " errors");
                });
            } catch (DemoFleet.StopDriving e) {
                // stop() closed the fleet: the normal way out
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                if (started == null || !started.isClosed()) { // closing the fleet under its drivers is a stop
                    show(display, NLS.bind(ReleaseMessages.Dashboard_fleetFailed, e.getMessage()));
                }
            }
            return Status.OK_STATUS;
        });
        job.schedule();
    }

    private void show(org.eclipse.swt.widgets.Display display, String line) {
        display.asyncExec(() -> {
            if (!state.isDisposed()) {
                state.setText(NLS.bind(ReleaseMessages.Dashboard_fleetState, line));
                state.getParent().getParent().layout(true, true);
            }
        });
    }

    /** Stops driving and closes every device (their connections drop; the server keeps them registered). */
    void stop() {
        DemoFleet f = fleet;
        fleet = null;
        if (f != null) {
            f.close();
        }
        if (job != null) {
            job.cancel();
            job = null;
        }
        latest = null;
        if (!toggle.isDisposed()) {
            toggle.setText(ReleaseMessages.Dashboard_startFleet);
            toggle.getParent().layout();
        }
    }

    boolean isRunning() {
        return job != null;
    }

    FleetSnapshot latest() {
        return latest;
    }

    Spinner getDevicesSpinner() {
        return devices;
    }

    Button getToggleButton() {
        return toggle;
    }

    Label getStateLabel() {
        return state;
    }
}

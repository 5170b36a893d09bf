package org.walle.deploy.ui;

import java.util.List;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.walle.deploy.ui.internal.release.ReleaseClient;
import org.walle.deploy.ui.internal.server.ServerEntry;
import org.walle.deploy.ui.internal.server.ServerState;

/** Page 1 of New Release: server, task and version, read from the server in jobs. */
final class ReleaseTaskPage extends WizardPage {
    private final List<ServerEntry> servers;
    private Combo server;
    private Combo task;
    private Combo version;
    private String loadProblem;
    private boolean loading;

    ReleaseTaskPage(List<ServerEntry> servers) {
        super("releaseTask");
        this.servers = servers;
        setTitle(ReleaseMessages.Release_title);
        setDescription(ReleaseMessages.Release_taskDescription);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        server = combo(c, ReleaseMessages.Release_server);
        for (ServerEntry s : servers) {
            server.add(s.name() + (s.url() == null ? "" : "  " + s.url()));
        }
        task = combo(c, ReleaseMessages.Release_task);
        version = combo(c, ReleaseMessages.Release_version);
        int firstRunning = servers.stream().map(ServerEntry::state).toList().indexOf(ServerState.RUNNING);
        server.select(Math.max(firstRunning, 0));
        server.addListener(SWT.Selection, e -> loadTasks());
        task.addListener(SWT.Selection, e -> loadVersions());
        version.addListener(SWT.Selection, e -> validate());
        setControl(c);
        loadTasks();
    }

    private static Combo combo(Composite parent, String label) {
        new Label(parent, SWT.NONE).setText(label);
        Combo combo = new Combo(parent, SWT.READ_ONLY);
        combo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return combo;
    }

    /** The chosen server's client, or {@code null} when it is not running or the studio has no token for it. */
    ReleaseClient client() {
        ServerEntry s = selectedServer();
        if (s == null || s.state() != ServerState.RUNNING || s.url() == null || s.token().isEmpty()) {
            return null;
        }
        return new ReleaseClient(s.url(), s.token().get());
    }

    ServerEntry selectedServer() {
        int i = server == null ? -1 : server.getSelectionIndex();
        return i < 0 ? null : servers.get(i);
    }

    private void loadTasks() {
        task.removeAll();
        version.removeAll();
        ReleaseClient client = client();
        if (client == null) {
            validate();
            return;
        }
        fetch(client::tasks, task, true);
    }

    private void loadVersions() {
        version.removeAll();
        ReleaseClient client = client();
        String t = taskId();
        if (client == null || t == null) {
            validate();
            return;
        }
        fetch(() -> client.versions(t), version, false);
    }

    /** Reads a list off the UI thread, then fills the combo and selects its first item. */
    private void fetch(java.util.function.Supplier<List<String>> read, Combo target, boolean thenVersions) {
        loading = true;
        loadProblem = null;
        validate();
        Job.create(ReleaseMessages.Release_loading, monitor -> {
            List<String> items;
            String problem = null;
            try {
                items = read.get();
            } catch (RuntimeException e) {
                items = List.of();
                problem = ReleaseMessages.Release_loadFailed + " " + e.getMessage();
            }
            List<String> result = items;
            String why = problem;
            target.getDisplay().asyncExec(() -> {
                if (target.isDisposed()) {
                    return;
                }
                loading = false;
                loadProblem = why;
                target.setItems(result.toArray(String[]::new));
                if (!result.isEmpty()) {
                    target.select(0);
                }
                if (thenVersions && !result.isEmpty()) {
                    loadVersions();
                } else {
                    validate();
                }
            });
            return Status.OK_STATUS;
        }).schedule();
    }

    String taskId() {
        return task.getSelectionIndex() < 0 ? null : task.getItem(task.getSelectionIndex());
    }

    String version() {
        return version.getSelectionIndex() < 0 ? null : version.getItem(version.getSelectionIndex());
    }

    private void validate() {
        String problem;
        if (client() == null) {
            problem = ReleaseMessages.Release_needServer;
        } else if (loading) {
            problem = null;
        } else if (loadProblem != null) {
            problem = loadProblem;
        } else if (task.getItemCount() == 0) {
            problem = ReleaseMessages.Release_noTasks;
        } else if (taskId() == null) {
            problem = ReleaseMessages.Release_needTask;
        } else if (version() == null) {
            problem = ReleaseMessages.Release_needVersion;
        } else {
            problem = null;
        }
        setErrorMessage(problem);
        setMessage(loading ? ReleaseMessages.Release_loading : null);
        setPageComplete(problem == null && !loading);
    }

    Combo getTaskCombo() {
        return task;
    }

    Combo getVersionCombo() {
        return version;
    }
}

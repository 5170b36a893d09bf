package org.walle.deploy.ui;

import java.net.URI;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.window.Window;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.part.ViewPart;
import org.walle.deploy.ui.internal.server.EmbeddedServer;
import org.walle.deploy.ui.internal.server.RemoteServer;
import org.walle.deploy.ui.internal.server.ServerEntry;
import org.walle.deploy.ui.internal.server.ServerRegistry;
import org.walle.deploy.ui.internal.server.ServerState;

/** The embedded deployment server and any remote ones: status, URL, counts; start, stop, open the log. */
public final class ServersView extends ViewPart {
    public static final String ID = "org.walle.deploy.ui.serversView";
    /** How often status and counts are re-read while the view is open. */
    private static final long REFRESH_MS = 5000;
    /** UI tests drive the wizard from their own event loop, so they open it without a nested one. */
    static final String NON_BLOCKING_DIALOGS = "org.walle.deploy.ui.nonBlockingDialogs";
    private ServerRegistry registry;
    private TableViewer viewer;
    private Button start;
    private Button stop;
    private Button refresh;
    private Button add;
    private Button remove;
    private Button openLog;
    private Button publish;
    private Button newRelease;
    private Button dashboard;
    private WizardDialog publishDialog;
    private WizardDialog releaseDialog;
    private LogDialog logDialog;
    private final Runnable onChange = this::scheduleUpdate;
    private volatile boolean updatePending;
    private volatile boolean disposed;
    private Job refreshJob;
    private Display display;

    @Override
    public void createPartControl(Composite parent) {
        registry = Activator.getDefault().registry();
        display = parent.getDisplay();
        parent.setLayout(new GridLayout(1, false));
        Composite buttons = new Composite(parent, SWT.NONE);
        buttons.setLayout(new RowLayout(SWT.HORIZONTAL));
        start = button(buttons, Messages.ServersView_start, () -> ServerJobs.start(registry.embedded(), false));
        stop = button(buttons, Messages.ServersView_stop, () -> ServerJobs.stop(registry.embedded()));
        refresh = button(buttons, Messages.ServersView_refresh, () -> ServerJobs.refresh(registry, 0));
        add = button(buttons, Messages.ServersView_add, this::addRemote);
        remove = button(buttons, Messages.ServersView_remove, this::removeSelected);
        openLog = button(buttons, Messages.ServersView_openLog, this::openLog);
        publish = button(buttons, Messages.ServersView_publish, this::openPublishWizard);
        newRelease = button(buttons, ReleaseMessages.ServersView_newRelease, this::openReleaseWizard);
        dashboard = button(buttons, ReleaseMessages.ServersView_dashboard, this::openDashboard);

        viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        column(Messages.ServersView_colServer, 140, ServerLabels.SERVER);
        column(Messages.ServersView_colStatus, 80, ServerLabels.STATUS);
        column(Messages.ServersView_colUrl, 180, ServerLabels.URL);
        column(Messages.ServersView_colDevices, 70, ServerLabels.DEVICES);
        column(Messages.ServersView_colTasks, 60, ServerLabels.TASKS);
        column(Messages.ServersView_colReleases, 70, ServerLabels.RELEASES);
        column(Messages.ServersView_colDetail, 300, ServerLabels.DETAIL);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.addSelectionChangedListener(e -> updateButtons());
        viewer.setInput(registry.entries());
        getSite().setSelectionProvider(viewer);
        registry.addListener(onChange);
        updateButtons();
        refreshJob = ServerJobs.refresh(registry, 0);
        refreshJob.addJobChangeListener(new org.eclipse.core.runtime.jobs.JobChangeAdapter() {
            @Override
            public void done(org.eclipse.core.runtime.jobs.IJobChangeEvent event) {
                if (!disposed) {
                    event.getJob().schedule(REFRESH_MS);
                }
            }
        });
    }

    private Button button(Composite parent, String text, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    private void column(String title, int width, int index) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return ServerLabels.column((ServerEntry) element, index);
            }
        });
    }

    /** Registry events come from job threads: coalesce them into one UI update. */
    private void scheduleUpdate() {
        if (updatePending || disposed || display.isDisposed()) {
            return;
        }
        updatePending = true;
        display.asyncExec(() -> {
            updatePending = false;
            if (!viewer.getControl().isDisposed()) {
                viewer.setInput(registry.entries());
                updateButtons();
            }
        });
    }

    private void updateButtons() {
        ServerState s = registry.embedded().state();
        start.setEnabled(s == ServerState.STOPPED || s == ServerState.FAILED);
        stop.setEnabled(s == ServerState.RUNNING);
        openLog.setEnabled(registry.embedded().log() != null);
        remove.setEnabled(selectedRemote() != null);
    }

    private RemoteServer selectedRemote() {
        Object first = ((IStructuredSelection) viewer.getSelection()).getFirstElement();
        return first instanceof RemoteServer r ? r : null;
    }

    private void addRemote() {
        InputDialog dialog = new InputDialog(getSite().getShell(), Messages.ServersView_addTitle,
                Messages.ServersView_addPrompt, "http://", text -> {
                    try {
                        RemoteServer.parseUrl(text);
                        return null;
                    } catch (IllegalArgumentException e) {
                        return e.getMessage();
                    }
                });
        if (dialog.open() == Window.OK) {
            addRemote(RemoteServer.parseUrl(dialog.getValue()));
        }
    }

    /** Adds and remembers a remote server; false when it is listed already. */
    boolean addRemote(URI url) {
        if (!registry.addRemote(url)) {
            MessageDialog.openInformation(getSite().getShell(), Messages.ServersView_addTitle,
                    Messages.ServersView_alreadyListed);
            return false;
        }
        DeployPreferences.storeRemoteUrls(Activator.getDefault().getPreferenceStore(), registry.remoteUrls());
        ServerJobs.refresh(registry, 0);
        return true;
    }

    private void removeSelected() {
        RemoteServer r = selectedRemote();
        if (r != null) {
            registry.removeRemote(r);
            DeployPreferences.storeRemoteUrls(Activator.getDefault().getPreferenceStore(), registry.remoteUrls());
        }
    }

    private void openLog() {
        EmbeddedServer embedded = registry.embedded();
        if (embedded.log() == null) {
            MessageDialog.openInformation(getSite().getShell(), Messages.ServersView_noLogTitle,
                    Messages.ServersView_noLog);
            return;
        }
        if (logDialog != null && logDialog.getShell() != null && !logDialog.getShell().isDisposed()) {
            logDialog.close();
        }
        logDialog = new LogDialog(getSite().getShell(), embedded.log());
        logDialog.open();
    }

    private void openPublishWizard() {
        publishDialog = new WizardDialog(getSite().getShell(), new PublishTaskWizard(registry.entries()));
        publishDialog.setBlockOnOpen(!Boolean.getBoolean(NON_BLOCKING_DIALOGS));
        publishDialog.open();
    }

    private void openReleaseWizard() {
        releaseDialog = new WizardDialog(getSite().getShell(), new NewReleaseWizard(registry.entries()));
        releaseDialog.setBlockOnOpen(!Boolean.getBoolean(NON_BLOCKING_DIALOGS));
        releaseDialog.open();
    }

    private void openDashboard() {
        try {
            getSite().getPage().showView(ReleaseDashboardView.ID);
        } catch (org.eclipse.ui.PartInitException e) {
            MessageDialog.openError(getSite().getShell(), ReleaseMessages.ServersView_dashboard, e.getMessage());
        }
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @Override
    public void dispose() {
        disposed = true;
        registry.removeListener(onChange);
        if (refreshJob != null) {
            refreshJob.cancel();
        }
        super.dispose();
    }

    TableViewer getViewer() {
        return viewer;
    }

    Button getStartButton() {
        return start;
    }

    Button getStopButton() {
        return stop;
    }

    Button getRefreshButton() {
        return refresh;
    }

    Button getAddButton() {
        return add;
    }

    Button getOpenLogButton() {
        return openLog;
    }

    Button getPublishButton() {
        return publish;
    }

    Button getNewReleaseButton() {
        return newRelease;
    }

    Button getDashboardButton() {
        return dashboard;
    }

    WizardDialog getReleaseDialog() {
        return releaseDialog;
    }

    WizardDialog getPublishDialog() {
        return publishDialog;
    }

    LogDialog getLogDialog() {
        return logDialog;
    }
}

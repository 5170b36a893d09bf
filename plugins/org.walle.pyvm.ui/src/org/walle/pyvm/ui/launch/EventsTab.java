package org.walle.pyvm.ui.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.ui.AbstractLaunchConfigurationTab;
import org.eclipse.swt.SWT;
import org.eclipse.swt.events.SelectionListener;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.walle.stream.event.EcommerceGenerator;

/**
 * The event stream: generated (seed, number of sessions, which event kinds are fed) or a recorded JSON Lines file
 * from the workspace or the disk.
 */
public final class EventsTab extends AbstractLaunchConfigurationTab {
    private Button generated;
    private Spinner seed;
    private Spinner sessions;
    private Table mix;
    private Button recorded;
    private Text file;
    private final List<Button> fileButtons = new ArrayList<>();

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(4, false));
        generated = createRadioButton(c, Messages.Tab_generated);
        generated.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        new Label(c, SWT.NONE).setText(Messages.Tab_seed);
        seed = new Spinner(c, SWT.BORDER);
        seed.setValues(TaskLaunch.DEFAULT_SEED, 0, Integer.MAX_VALUE, 0, 1, 10);
        new Label(c, SWT.NONE).setText(Messages.Tab_sessions);
        sessions = new Spinner(c, SWT.BORDER);
        sessions.setValues(TaskLaunch.DEFAULT_SESSIONS, 1, 100_000, 0, 1, 10);
        Label mixLabel = new Label(c, SWT.NONE);
        mixLabel.setText(Messages.Tab_mix);
        mixLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
        mix = new Table(c, SWT.CHECK | SWT.BORDER | SWT.V_SCROLL);
        for (String id : EcommerceGenerator.EVENT_IDS) {
            new TableItem(mix, SWT.NONE).setText(id);
        }
        GridData mixData = new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1);
        mixData.heightHint = 120;
        mix.setLayoutData(mixData);

        recorded = createRadioButton(c, Messages.Tab_recorded);
        file = new Text(c, SWT.BORDER);
        file.setData(TaskTab.WIDGET_KEY, "eventsFile");
        file.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        fileButtons.add(createPushButton(c, Messages.Tab_browseWorkspace, null));
        fileButtons.add(createPushButton(c, Messages.Tab_browseDisk, null));
        fileButtons.get(0).addSelectionListener(SelectionListener.widgetSelectedAdapter(
                e -> chooseFile(FileChoosers.workspaceFile(getShell(), Messages.Tab_recorded))));
        fileButtons.get(1).addSelectionListener(SelectionListener.widgetSelectedAdapter(
                e -> chooseFile(FileChoosers.diskFile(getShell(), "jsonl"))));

        SelectionListener changed = SelectionListener.widgetSelectedAdapter(e -> {
            enableControls();
            updateLaunchConfigurationDialog();
        });
        generated.addSelectionListener(changed);
        recorded.addSelectionListener(changed);
        mix.addSelectionListener(changed);
        seed.addModifyListener(e -> updateLaunchConfigurationDialog());
        sessions.addModifyListener(e -> updateLaunchConfigurationDialog());
        file.addModifyListener(e -> updateLaunchConfigurationDialog());
        setControl(c);
    }

    private void chooseFile(String chosen) {
        if (chosen != null) {
            file.setText(chosen);
        }
    }

    private void enableControls() {
        boolean gen = generated.getSelection();
        seed.setEnabled(gen);
        sessions.setEnabled(gen);
        mix.setEnabled(gen);
        file.setEnabled(!gen);
        fileButtons.forEach(b -> b.setEnabled(!gen));
    }

    @Override
    public void setDefaults(ILaunchConfigurationWorkingCopy wc) {
        wc.setAttribute(TaskLaunch.ATTR_GENERATED, true);
        wc.setAttribute(TaskLaunch.ATTR_SEED, TaskLaunch.DEFAULT_SEED);
        wc.setAttribute(TaskLaunch.ATTR_SESSIONS, TaskLaunch.DEFAULT_SESSIONS);
        wc.setAttribute(TaskLaunch.ATTR_EVENT_MIX, List.<String>of());
        wc.setAttribute(TaskLaunch.ATTR_EVENTS_FILE, "");
    }

    @Override
    public void initializeFrom(ILaunchConfiguration config) {
        try {
            TaskLaunchSettings s = TaskLaunchSettings.read(config);
            generated.setSelection(s.generated());
            recorded.setSelection(!s.generated());
            seed.setSelection(s.seed());
            sessions.setSelection(s.sessions());
            Set<String> kept = s.mixSet();
            for (TableItem item : mix.getItems()) {
                item.setChecked(kept.isEmpty() || kept.contains(item.getText()));
            }
            file.setText(s.eventsFile());
            enableControls();
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
        }
    }

    @Override
    public void performApply(ILaunchConfigurationWorkingCopy wc) {
        wc.setAttribute(TaskLaunch.ATTR_GENERATED, generated.getSelection());
        wc.setAttribute(TaskLaunch.ATTR_SEED, seed.getSelection());
        wc.setAttribute(TaskLaunch.ATTR_SESSIONS, sessions.getSelection());
        List<String> kept = new ArrayList<>();
        for (TableItem item : mix.getItems()) {
            if (item.getChecked()) {
                kept.add(item.getText());
            }
        }
        // all kinds checked is stored as "no filter", so new event kinds of the generator are fed too
        wc.setAttribute(TaskLaunch.ATTR_EVENT_MIX, kept.size() == mix.getItemCount() ? List.<String>of() : kept);
        wc.setAttribute(TaskLaunch.ATTR_EVENTS_FILE, file.getText().trim());
    }

    @Override
    public boolean isValid(ILaunchConfiguration config) {
        setErrorMessage(null);
        if (generated.getSelection() && mix.getItemCount() > 0 && checkedCount() == 0) {
            setErrorMessage(Messages.Tab_emptyMix);
            return false;
        }
        try {
            String problem = TaskLaunchSettings.read(config).eventsProblem();
            setErrorMessage(problem);
            return problem == null;
        } catch (CoreException e) {
            setErrorMessage(e.getMessage());
            return false;
        }
    }

    private int checkedCount() {
        int n = 0;
        for (TableItem item : mix.getItems()) {
            n += item.getChecked() ? 1 : 0;
        }
        return n;
    }

    @Override
    public String getName() {
        return Messages.Tab_events;
    }
}

package org.walle.pyvm.ui;

import org.eclipse.swt.SWT;
import org.eclipse.swt.events.SelectionListener;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/** The controls above the Task Run console: profile, task folder, event stream and the Run / Step / Stop buttons. */
final class TaskRunForm {
    private final TaskRunView view;

    TaskRunForm(TaskRunView view) {
        this.view = view;
    }

    void create(Composite parent) {
        Composite form = new Composite(parent, SWT.NONE);
        form.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        GridLayout rows = new GridLayout(1, false);
        rows.marginHeight = 0;
        rows.marginWidth = 0;
        form.setLayout(rows);

        Composite first = row(form, 5);
        new Label(first, SWT.NONE).setText(Messages.Run_profile);
        Combo profile = new Combo(first, SWT.READ_ONLY);
        TaskRunView.profileNames().forEach(profile::add);
        profile.setText("mid");
        new Label(first, SWT.NONE).setText(Messages.Run_task);
        Text task = new Text(first, SWT.BORDER);
        task.setMessage(Messages.Run_usesEditorTask);
        task.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Button browseTask = new Button(first, SWT.PUSH);
        browseTask.setText(Messages.Run_browse);
        browseTask.addSelectionListener(SelectionListener.widgetSelectedAdapter(e -> {
            DirectoryDialog d = new DirectoryDialog(form.getShell());
            d.setMessage(Messages.OpenTask_title);
            String dir = d.open();
            if (dir != null) {
                task.setText(dir);
            }
        }));

        Composite second = row(form, 8);
        Button generated = new Button(second, SWT.RADIO);
        generated.setText(Messages.Run_generated);
        generated.setSelection(true);
        new Label(second, SWT.NONE).setText(Messages.Run_seed);
        Spinner seed = new Spinner(second, SWT.BORDER);
        seed.setValues(1, 0, Integer.MAX_VALUE, 0, 1, 10);
        new Label(second, SWT.NONE).setText(Messages.Run_sessions);
        Spinner sessions = new Spinner(second, SWT.BORDER);
        sessions.setValues(3, 1, 10_000, 0, 1, 10);
        Button recorded = new Button(second, SWT.RADIO);
        recorded.setText(Messages.Run_recorded);
        Text recording = new Text(second, SWT.BORDER);
        recording.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        recording.setEnabled(false);
        Button browseRecording = new Button(second, SWT.PUSH);
        browseRecording.setText(Messages.Run_browse);
        browseRecording.addSelectionListener(SelectionListener.widgetSelectedAdapter(e -> {
            FileDialog d = new FileDialog(form.getShell(), SWT.OPEN);
            d.setFilterExtensions(new String[] { "*.jsonl", "*.*" });
            String f = d.open();
            if (f != null) {
                recording.setText(f);
                recorded.setSelection(true);
                generated.setSelection(false);
                recording.setEnabled(true);
            }
        }));
        recorded.addSelectionListener(SelectionListener.widgetSelectedAdapter(
                e -> recording.setEnabled(recorded.getSelection())));

        Composite buttons = row(form, 5);
        Button run = button(buttons, Messages.Run_run);
        Button step = button(buttons, Messages.Run_step);
        Button stop = button(buttons, Messages.Run_stop);
        Button clear = button(buttons, Messages.Run_clear);
        Label status = new Label(buttons, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        run.addSelectionListener(SelectionListener.widgetSelectedAdapter(e -> view.run()));
        step.addSelectionListener(SelectionListener.widgetSelectedAdapter(e -> view.step()));
        stop.addSelectionListener(SelectionListener.widgetSelectedAdapter(e -> view.stop()));
        clear.addSelectionListener(SelectionListener.widgetSelectedAdapter(e -> view.clear()));
        view.bind(profile, task, generated, seed, sessions, recording, run, step, stop, status);
    }

    private static Composite row(Composite parent, int columns) {
        Composite row = new Composite(parent, SWT.NONE);
        row.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        GridLayout layout = new GridLayout(columns, false);
        layout.marginHeight = 0;
        layout.marginWidth = 0;
        row.setLayout(layout);
        return row;
    }

    private static Button button(Composite parent, String text) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        return b;
    }
}

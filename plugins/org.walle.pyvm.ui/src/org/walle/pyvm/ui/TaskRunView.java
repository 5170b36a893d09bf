package org.walle.pyvm.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.events.MouseAdapter;
import org.eclipse.swt.events.MouseEvent;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;
import org.walle.device.DeviceProfile;
import org.walle.device.DeviceProfiles;
import org.walle.pyvm.ui.internal.ConsoleSink;
import org.walle.pyvm.ui.internal.EmulatorSession;
import org.walle.pyvm.ui.internal.EventStream;
import org.walle.pyvm.ui.internal.RunMode;

/**
 * Runs a task folder on the device emulator: a device profile, a generated or recorded event stream, Run / Step /
 * Stop, and a console with fired triggers, the task's printed output, outputs, timings and tracebacks whose script
 * lines open the editor on double-click. The work runs in Jobs; the console is filled on the UI thread.
 */
public final class TaskRunView extends ViewPart {
    public static final String ID = "org.walle.pyvm.ui.taskRunView";

    private final Queue<Object[]> pending = new ConcurrentLinkedQueue<>();
    private final Map<Integer, ConsoleSink.ScriptLink> links = new HashMap<>();
    private Combo profile;
    private Text taskFolder;
    private Button generated;
    private Spinner seed;
    private Spinner sessions;
    private Text recording;
    private Button run;
    private Button step;
    private Button stop;
    private Label status;
    private StyledText console;
    private Path sessionTask;
    private EmulatorSession session;
    private volatile Job job;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        new TaskRunForm(this).create(parent);
        console = new StyledText(parent, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL | SWT.BORDER);
        console.setFont(JFaceResources.getTextFont());
        GridData consoleData = new GridData(SWT.FILL, SWT.FILL, true, true);
        consoleData.heightHint = 120;
        console.setLayoutData(consoleData);
        console.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseDoubleClick(MouseEvent e) {
                openLink(console.getLineAtOffset(console.getCaretOffset()));
            }
        });
        updateButtons();
    }

    void bind(Combo profile, Text taskFolder, Button generated, Spinner seed, Spinner sessions, Text recording,
            Button run, Button step, Button stop, Label status) {
        this.profile = profile;
        this.taskFolder = taskFolder;
        this.generated = generated;
        this.seed = seed;
        this.sessions = sessions;
        this.recording = recording;
        this.run = run;
        this.step = step;
        this.stop = stop;
        this.status = status;
    }

    static List<String> profileNames() {
        List<String> names = new ArrayList<>();
        DeviceProfiles.builtIn().forEach(p -> names.add(p.name()));
        return names;
    }

    /** Runs the rest of the stream (a new session unless one is being stepped through). */
    public void run() {
        start(Integer.MAX_VALUE);
    }

    /** Feeds one event (starting a session first when none is open). */
    public void step() {
        start(1);
    }

    /** Stops the running job and ends the session. */
    public void stop() {
        Job j = job;
        if (j != null) {
            j.cancel();
        } else {
            endSession(Messages.Run_stopped);
        }
    }

    public boolean isRunning() {
        return job != null;
    }

    /** Whether Run and Step can be pressed now (not while a job runs). */
    boolean canRun() {
        return run.isEnabled() && step.isEnabled();
    }

    /** The console text, for tests and copying. */
    public String consoleText() {
        return console.getText();
    }

    public StyledText console() {
        return console;
    }

    /** Opens the script line a console line links to; false when the line links nowhere. */
    public boolean openLink(int consoleLine) {
        ConsoleSink.ScriptLink link = links.get(consoleLine);
        if (link == null || sessionTask == null) {
            return false;
        }
        return TaskEditors.open(getSite().getPage(), sessionTask.resolve(link.file()), link.line()) != null;
    }

    private void start(int maxEvents) {
        if (job != null) {
            return;
        }
        if (session == null || !session.hasNext()) {
            if (!openSession()) {
                return;
            }
        }
        EmulatorSession s = session;
        Display display = console.getDisplay();
        Job j = Job.create(NLS.bind(Messages.Run_job, sessionTask.getFileName()), monitor -> {
            try {
                s.run(RunMode.ALL, maxEvents, monitor::isCanceled, () -> flushSoon(display));
            } catch (RuntimeException e) {
                write("error: " + e, null);
            }
            boolean cancelled = monitor.isCanceled();
            display.asyncExec(() -> finished(s, cancelled));
            return cancelled ? Status.CANCEL_STATUS : Status.OK_STATUS;
        });
        job = j;
        updateButtons();
        j.schedule();
    }

    private void finished(EmulatorSession s, boolean cancelled) {
        job = null;
        flush();
        if (console.isDisposed()) {
            return;
        }
        if (cancelled) {
            endSession(Messages.Run_stopped);
        } else if (!s.hasNext()) {
            endSession(Messages.Run_finished);
        } else {
            status.setText(s.summary());
        }
        updateButtons();
    }

    private boolean openSession() {
        Path dir = taskFolder();
        if (dir == null || !Files.isRegularFile(dir.resolve("task.json"))) {
            problem(Messages.Run_noTask);
            return false;
        }
        if (!generated.getSelection() && recording.getText().isBlank()) {
            problem(Messages.Run_noRecording);
            return false;
        }
        try {
            DeviceProfile p = DeviceProfiles.resolve(profile.getText(), null);
            EventStream stream = generated.getSelection()
                    ? new EventStream.Generated(seed.getSelection(), sessions.getSelection(), Set.of())
                    : new EventStream.Recorded(Path.of(recording.getText().trim()));
            sessionTask = dir;
            session = EmulatorSession.open(p, dir, stream, this::write);
            flush();
            return true;
        } catch (Exception e) { // TaskPackageException lists every problem of the package; I/O names the file
            write(Messages.Run_failed + ": " + e.getMessage(), null);
            endSession(Messages.Run_stopped);
            return false;
        }
    }

    private Path taskFolder() {
        String text = taskFolder.getText().trim();
        if (text.isEmpty() && getSite().getPage().getActiveEditor() instanceof TaskTextEditor editor) {
            taskFolder.setText(editor.file().getParent().toString());
            text = taskFolder.getText();
        }
        return text.isEmpty() ? null : Path.of(text);
    }

    private void endSession(String statusTemplate) {
        EmulatorSession s = session;
        session = null;
        if (s != null) {
            String summary = s.summary();
            try {
                s.close();
            } catch (Exception e) {
                write("closing the emulator failed: " + e, null);
            }
            write(NLS.bind(statusTemplate, summary), null);
            status.setText(NLS.bind(statusTemplate, summary));
        }
        flush();
        updateButtons();
    }

    private void problem(String message) {
        status.setText(message);
        write(message, null);
        flush();
    }

    /** Any thread: queues a console line. */
    private void write(String text, ConsoleSink.ScriptLink link) {
        pending.add(new Object[] { text, link });
    }

    private void flushSoon(Display display) {
        display.asyncExec(this::flush);
    }

    private void flush() {
        if (console == null || console.isDisposed()) {
            return;
        }
        for (Object[] line = pending.poll(); line != null; line = pending.poll()) {
            int lineIndex = console.getLineCount() - 1;
            int offset = console.getCharCount();
            String text = (String) line[0];
            console.append(text + "\n");
            if (line[1] instanceof ConsoleSink.ScriptLink link) {
                links.put(lineIndex, link);
                StyleRange style = new StyleRange(offset, text.length(),
                        console.getDisplay().getSystemColor(SWT.COLOR_RED), null);
                style.underline = true;
                console.setStyleRange(style);
            }
        }
        console.setTopIndex(Math.max(0, console.getLineCount() - 1));
    }

    void clear() {
        console.setText("");
        links.clear();
    }

    private void updateButtons() {
        if (run == null || run.isDisposed()) {
            return;
        }
        boolean busy = job != null;
        run.setEnabled(!busy);
        step.setEnabled(!busy);
        stop.setEnabled(busy || session != null);
    }

    /** For the form and tests: selects the task folder. */
    public void setTaskFolder(Path dir) {
        taskFolder.setText(dir.toString());
    }

    /** For the form and tests: a generated stream. */
    public void useGeneratedStream(int seedValue, int sessionCount) {
        generated.setSelection(true);
        recording.setEnabled(false);
        seed.setSelection(seedValue);
        sessions.setSelection(sessionCount);
    }

    /** For the form and tests: a recorded JSON Lines stream. */
    public void useRecordedStream(Path jsonl) {
        generated.setSelection(false);
        recording.setEnabled(true);
        recording.setText(jsonl.toString());
    }

    public void setProfile(String name) {
        profile.setText(name);
    }

    @Override
    public void setFocus() {
        run.setFocus();
    }

    @Override
    public void dispose() {
        Job j = job;
        if (j != null) {
            j.cancel();
        }
        EmulatorSession s = session;
        session = null;
        if (s != null) {
            try {
                s.close();
            } catch (Exception ignored) {
                // the view is going away; nothing to show the error in
            }
        }
        super.dispose();
    }
}

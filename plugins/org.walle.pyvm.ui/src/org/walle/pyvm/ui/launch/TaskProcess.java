package org.walle.pyvm.ui.launch;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.core.runtime.PlatformObject;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.core.model.IStreamMonitor;
import org.eclipse.debug.core.model.IStreamsProxy;
import org.walle.pyvm.ui.internal.ConsoleSink;

/**
 * A task running on the device emulator, as the debug platform sees a process: the Console view shows its two
 * streams (errors in red), the console's Terminate button and the Debug view stop it. It runs in a Job inside the
 * studio, not in an operating-system process.
 */
public final class TaskProcess extends PlatformObject implements IProcess {
    private final ILaunch launch;
    private final String label;
    private final Map<String, String> attributes = new HashMap<>();
    private final TaskStreamMonitor out = new TaskStreamMonitor();
    private final TaskStreamMonitor err = new TaskStreamMonitor();
    private final IStreamsProxy streams = new IStreamsProxy() {
        @Override
        public IStreamMonitor getErrorStreamMonitor() {
            return err;
        }

        @Override
        public IStreamMonitor getOutputStreamMonitor() {
            return out;
        }

        @Override
        public void write(String input) {
            // a task reads no console input: what the user types there is dropped
        }
    };
    private volatile Job job;
    private volatile boolean terminated;
    private volatile int exitValue;

    TaskProcess(ILaunch launch, String label) {
        this.launch = launch;
        this.label = label;
        attributes.put(IProcess.ATTR_PROCESS_TYPE, TaskLaunch.PROCESS_TYPE);
        launch.addProcess(this);
        fire(DebugEvent.CREATE);
    }

    /** The console the emulator session writes to: output lines to stdout, task errors to stderr. */
    ConsoleSink console() {
        return new ConsoleSink() {
            @Override
            public void line(String text, ScriptLink link) {
                out.append(text + "\n");
            }

            @Override
            public void error(String text, ScriptLink link) {
                err.append(text + "\n");
            }
        };
    }

    void runIn(Job runJob) {
        this.job = runJob;
    }

    /** Called by the run's Job when it ends. */
    void exited(int code) {
        exitValue = code;
        terminated = true;
        fire(DebugEvent.TERMINATE);
    }

    @Override
    public String getLabel() {
        return label;
    }

    @Override
    public ILaunch getLaunch() {
        return launch;
    }

    @Override
    public IStreamsProxy getStreamsProxy() {
        return streams;
    }

    @Override
    public synchronized void setAttribute(String key, String value) {
        attributes.put(key, value);
        fire(DebugEvent.CHANGE);
    }

    @Override
    public synchronized String getAttribute(String key) {
        return attributes.get(key);
    }

    @Override
    public int getExitValue() throws DebugException {
        if (!terminated) {
            throw new DebugException(org.eclipse.core.runtime.Status.error(Messages.Launch_stillRunning));
        }
        return exitValue;
    }

    @Override
    public boolean canTerminate() {
        return !terminated;
    }

    @Override
    public boolean isTerminated() {
        return terminated;
    }

    /** Stops feeding events; a task run in progress ends first (bounded by the task's time limit). */
    @Override
    public void terminate() {
        Job j = job;
        if (j != null) {
            j.cancel();
        }
    }

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == IProcess.class) {
            return adapter.cast(this);
        }
        if (adapter == ILaunch.class) {
            return adapter.cast(launch);
        }
        if (adapter == ILaunchConfiguration.class) {
            return adapter.cast(launch.getLaunchConfiguration());
        }
        return super.getAdapter(adapter);
    }

    private void fire(int kind) {
        DebugPlugin plugin = DebugPlugin.getDefault();
        if (plugin != null) {
            plugin.fireDebugEventSet(new DebugEvent[] { new DebugEvent(this, kind) });
        }
    }
}

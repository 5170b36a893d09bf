package org.walle.pyvm.ui.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.walle.device.DeviceOutput;
import org.walle.device.TaskExecutor;
import org.walle.device.TaskRunRequest;
import org.walle.device.TaskRunResult;
import org.walle.pyvm.InMemoryCollectiveState;
import org.walle.pyvm.TaskContext;
import org.walle.pyvm.TaskException;
import org.walle.pyvm.TaskOutput;
import org.walle.pyvm.TaskPackage;
import org.walle.pyvm.TaskResult;
import org.walle.pyvm.TaskVm;
import org.walle.pyvm.TriggerEvent;
import org.walle.pyvm.TriggerEvents;
import org.walle.stream.event.Event;

/**
 * Runs the edited task in the Python VM for the emulated device. Unlike the device's own executor it keeps each
 * script error as the VM reported it (file, line, Python traceback), because the studio shows the traceback and
 * links it to the script; the device only needs the one-line message.
 */
final class StudioTaskExecutor implements TaskExecutor {
    private final TaskPackage pkg;
    private final TaskVm vm = new TaskVm(1);
    private final InMemoryCollectiveState state = new InMemoryCollectiveState();
    private final Queue<TaskException> errors = new ConcurrentLinkedQueue<>();

    StudioTaskExecutor(TaskPackage pkg) {
        this.pkg = pkg;
    }

    /** The errors of the runs since the last call, oldest first. */
    List<TaskException> drainErrors() {
        List<TaskException> out = new ArrayList<>();
        for (TaskException e = errors.poll(); e != null; e = errors.poll()) {
            out.add(e);
        }
        return out;
    }

    @Override
    public TaskRunResult run(TaskRunRequest req) {
        long t0 = System.nanoTime();
        List<TriggerEvent> events = new ArrayList<>(req.events().size());
        for (Event e : req.events()) {
            Map<String, Object> args = new LinkedHashMap<>(e.args());
            events.add(new TriggerEvent(e.eventId(), e.pageId(), e.timestamp(), args));
        }
        TaskContext ctx = TaskContext.builder().events(TriggerEvents.of(req.trigger(), events)).state(state)
                .input("device_id", req.deviceId()).input("tier", req.profile().tier())
                .input("backends", req.profile().backends()).build();
        try {
            TaskResult r = vm.run(pkg, ctx);
            List<DeviceOutput> outs = new ArrayList<>(r.outputs().size());
            for (TaskOutput o : r.outputs()) {
                outs.add(new DeviceOutput(o.taskId(), o.kind().name().toLowerCase(Locale.ROOT), o.name(),
                        o.value()));
            }
            return new TaskRunResult(outs, r.stdout(), null, System.nanoTime() - t0);
        } catch (TaskException e) {
            errors.add(e);
            return new TaskRunResult(List.of(), "", e.getMessage(), System.nanoTime() - t0);
        }
    }

    @Override
    public void close() {
        vm.close();
    }
}

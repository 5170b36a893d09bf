package org.walle.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.walle.pyvm.CollectiveState;
import org.walle.pyvm.TaskContext;
import org.walle.pyvm.TaskException;
import org.walle.pyvm.TaskOutput;
import org.walle.pyvm.TaskPackage;
import org.walle.pyvm.TaskPackageException;
import org.walle.pyvm.TaskResult;
import org.walle.pyvm.TaskVm;
import org.walle.pyvm.TriggerEvent;
import org.walle.pyvm.TriggerEvents;
import org.walle.stream.event.Event;

/**
 * Runs tasks in the Jython task VM ({@code org.walle.pyvm}). One executor serves a whole fleet: the VM is created
 * on the first run (a fleet whose tasks never fire never starts Jython), each run gets a fresh interpreter from the
 * VM's warm pool, and each validated task package is opened once per bundle and shared, while the state handed to
 * the script is the requesting device's own.
 */
public final class PythonTaskExecutor implements TaskExecutor {
    private final Path cacheDir;
    private final int warmInterpreters;
    private final ConcurrentMap<String, TaskPackage> packages = new ConcurrentHashMap<>();
    private volatile TaskVm vm;

    /**
     * @param cacheDir         where bundles are unpacked once for the VM's package reader
     * @param warmInterpreters interpreters the VM keeps initialised ahead of use
     */
    public PythonTaskExecutor(Path cacheDir, int warmInterpreters) {
        this.cacheDir = cacheDir;
        this.warmInterpreters = warmInterpreters;
    }

    @Override
    public TaskRunResult run(TaskRunRequest req) {
        long t0 = System.nanoTime();
        TaskPackage pkg;
        try {
            pkg = pkg(req.task());
        } catch (TaskPackageException | UncheckedIOException e) {
            return new TaskRunResult(List.of(), "", e.getMessage(), System.nanoTime() - t0);
        }
        List<TriggerEvent> events = new ArrayList<>(req.events().size());
        for (Event e : req.events()) {
            Map<String, Object> args = new LinkedHashMap<>(e.args());
            events.add(new TriggerEvent(e.eventId(), e.pageId(), e.timestamp(), args));
        }
        TaskContext ctx = TaskContext.builder().events(TriggerEvents.of(req.trigger(), events))
                .state(new MapState(req.state())).input("device_id", req.deviceId())
                .input("tier", req.profile().tier()).input("backends", req.profile().backends()).build();
        try {
            TaskResult r = vm().run(pkg, ctx);
            List<DeviceOutput> outs = new ArrayList<>(r.outputs().size());
            for (TaskOutput o : r.outputs()) {
                outs.add(new DeviceOutput(o.taskId(), o.kind().name().toLowerCase(java.util.Locale.ROOT), o.name(),
                        o.value()));
            }
            return new TaskRunResult(outs, r.stdout(), null, System.nanoTime() - t0);
        } catch (TaskException e) {
            return new TaskRunResult(List.of(), "", e.getMessage(), System.nanoTime() - t0);
        }
    }

    private TaskVm vm() {
        TaskVm v = vm;
        if (v == null) {
            synchronized (this) {
                if (vm == null) {
                    vm = new TaskVm(warmInterpreters);
                }
                v = vm;
            }
        }
        return v;
    }

    /** The VM's validated package for a bundle, unpacked and opened once per content hash. */
    private TaskPackage pkg(TaskBundle b) {
        return packages.computeIfAbsent(b.contentKey(), key -> {
            try {
                Path dir = cacheDir.resolve(key);
                if (!Files.isDirectory(dir)) {
                    Path tmp = Files.createTempDirectory(Files.createDirectories(cacheDir), ".tmp-");
                    for (String name : b.fileNames()) {
                        Path f = tmp.resolve(name);
                        Files.createDirectories(f.getParent());
                        Files.write(f, b.file(name).orElseThrow());
                    }
                    try {
                        Files.move(tmp, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException raced) {
                        org.walle.device.internal.Trees.delete(tmp); // another thread unpacked it first
                    }
                }
                return TaskPackage.open(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack task " + b + " for the VM: " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void close() {
        TaskVm v = vm;
        if (v != null) {
            v.close();
        }
    }

    /** The device's state map seen through the VM's collective-state interface. */
    private static final class MapState implements CollectiveState {
        private final ConcurrentMap<String, Object> map;

        MapState(ConcurrentMap<String, Object> map) {
            this.map = map;
        }

        @Override
        public Optional<Object> get(String key) {
            return Optional.ofNullable(map.get(key));
        }

        @Override
        public void put(String key, Object value) {
            if (value == null) {
                map.remove(key);
            } else {
                map.put(key, value);
            }
        }

        @Override
        public boolean remove(String key) {
            return map.remove(key) != null;
        }

        @Override
        public Set<String> keys(String prefix) {
            Set<String> out = new TreeSet<>();
            map.keySet().stream().filter(k -> k.startsWith(prefix)).forEach(out::add);
            return out;
        }
    }
}

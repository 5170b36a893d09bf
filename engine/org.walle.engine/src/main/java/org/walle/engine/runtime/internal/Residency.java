package org.walle.engine.runtime.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.walle.engine.backend.Backend;
import org.walle.engine.decompose.PlanTensor;

/**
 * Where the current value of each tensor lives when some commands run on a backend with its own memory: the host
 * copy may be stale (a device wrote last), and each device may hold a valid copy. Copies happen only when a reader
 * on the other side needs the value, and are timed for the profiler.
 */
final class Residency {
    private final Bindings host;
    private final Map<PlanTensor, Backend> writtenOnDevice = new IdentityHashMap<>();
    private final Map<PlanTensor, Set<Backend>> deviceCopies = new IdentityHashMap<>();
    private long copyNanos;

    Residency(Bindings host) {
        this.host = host;
    }

    /** A new run: feeds and arena slots are host values again; constants stay wherever they were uploaded. */
    void startRun() {
        writtenOnDevice.clear();
        deviceCopies.keySet().removeIf(t -> t.kind() != PlanTensor.Kind.CONSTANT);
    }

    /** Makes the inputs readable by {@code backend} and returns the nanoseconds spent copying. */
    long prepareInputs(Backend backend, List<PlanTensor> inputs) {
        long before = copyNanos;
        for (PlanTensor t : inputs) {
            PlanTensor owner = t.storageOwner();
            if (backend.hostMemory()) {
                toHost(owner);
            } else if (!deviceCopies.getOrDefault(owner, Set.of()).contains(backend)) {
                toHost(owner);
                long start = System.nanoTime();
                backend.onCopyIn(owner, host.get(owner));
                copyNanos += System.nanoTime() - start;
                copiesOf(owner).add(backend);
            }
        }
        return copyNanos - before;
    }

    void written(Backend backend, List<PlanTensor> outputs) {
        for (PlanTensor t : outputs) {
            PlanTensor owner = t.storageOwner();
            deviceCopies.remove(owner);
            writtenOnDevice.remove(owner);
            if (!backend.hostMemory()) {
                writtenOnDevice.put(owner, backend);
                copiesOf(owner).add(backend);
            }
        }
    }

    private Set<Backend> copiesOf(PlanTensor owner) {
        return deviceCopies.computeIfAbsent(owner, k -> Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** Brings a device-written value back so the host copy is current. */
    void toHost(PlanTensor owner) {
        Backend holder = writtenOnDevice.remove(owner);
        if (holder != null) {
            long start = System.nanoTime();
            holder.onCopyOut(owner, host.get(owner));
            copyNanos += System.nanoTime() - start;
        }
    }
}

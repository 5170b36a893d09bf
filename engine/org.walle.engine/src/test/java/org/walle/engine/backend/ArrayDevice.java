package org.walle.engine.backend;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.walle.engine.backend.ref.Data;
import org.walle.engine.backend.ref.Operand;
import org.walle.engine.backend.ref.ReferenceBackend;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.tensor.DType;

/**
 * A backend with memory of its own, for testing the runtime's copies: it keeps a private float array per storage
 * owner, runs only float32 BINARY and UNARY commands (with the reference kernels on its private arrays), and counts
 * every copy. Values the host did not copy in are NaN, so a missed copy shows in the results.
 */
final class ArrayDevice implements Backend {
    static final String NAME = "test-device";
    final Map<PlanTensor, float[]> memory = new IdentityHashMap<>();
    int copiesIn;
    int copiesOut;
    boolean closed;
    private final double secondsPerCommand;
    private final double copySecondsPerByte;

    ArrayDevice(double secondsPerCommand) {
        this(secondsPerCommand, 1e-12);
    }

    ArrayDevice(double secondsPerCommand, double copySecondsPerByte) {
        this.secondsPerCommand = secondsPerCommand;
        this.copySecondsPerByte = copySecondsPerByte;
    }

    static BackendProvider provider(ArrayDevice device) {
        return new BackendProvider() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public int rank() {
                return 1;
            }

            @Override
            public boolean hostMemory() {
                return false;
            }

            @Override
            public Optional<String> unavailableReason() {
                return Optional.empty();
            }

            @Override
            public Backend create(BackendConfig config) {
                return device;
            }
        };
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean hostMemory() {
        return false;
    }

    @Override
    public Creation onCreate(Command c) {
        if (c.op() != AtomicOp.BINARY && c.op() != AtomicOp.UNARY) {
            return Creation.unsupported("no kernel for " + c.op());
        }
        if (!c.outputs().stream().allMatch(t -> t.dtype() == DType.FLOAT32)
                || !c.inputs().stream().allMatch(t -> t.dtype() == DType.FLOAT32)) {
            return Creation.unsupported("float32 only");
        }
        return Creation.of(new Algorithm("array", CommandCost.flops(c), secondsPerCommand, () -> (in, out) -> {
            ReferenceBackend.execute(c, operands(c.inputs().stream().map(PlanTensor::storageOwner).toList()),
                    operands(c.outputs().stream().map(PlanTensor::storageOwner).toList()));
        }));
    }

    private Operand[] operands(java.util.List<PlanTensor> owners) {
        Operand[] ops = new Operand[owners.size()];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = new Operand(Data.floats(buffer(owners.get(i))), 0);
        }
        return ops;
    }

    private float[] buffer(PlanTensor owner) {
        return memory.computeIfAbsent(owner, t -> {
            float[] fresh = new float[t.elements()];
            java.util.Arrays.fill(fresh, Float.NaN);
            return fresh;
        });
    }

    @Override
    public double overheadSeconds() {
        return 0;
    }

    @Override
    public double copySeconds(long bytes) {
        return bytes * copySecondsPerByte;
    }

    @Override
    public void onResize(java.util.List<PlanTensor> tensors) {
        Set<PlanTensor> keep = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        keep.addAll(tensors);
        memory.keySet().removeIf(t -> !keep.contains(t));
    }

    @Override
    public void onCopyIn(PlanTensor owner, Data host) {
        copiesIn++;
        float[] b = buffer(owner);
        for (int i = 0; i < owner.elements(); i++) {
            b[i] = (float) host.get(i);
        }
    }

    @Override
    public void onCopyOut(PlanTensor owner, Data host) {
        copiesOut++;
        float[] b = buffer(owner);
        for (int i = 0; i < owner.elements(); i++) {
            host.set(i, b[i]);
        }
    }

    @Override
    public void close() {
        closed = true;
        memory.clear();
    }
}

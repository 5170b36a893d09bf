package org.walle.engine.runtime.internal;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.walle.engine.backend.ref.Data;
import org.walle.engine.backend.ref.Operand;
import org.walle.engine.backend.ref.ReferenceBackend;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.graph.GraphException;
import org.walle.engine.tensor.Tensor;

/** Plan tensors bound to host storage: feeds, constants, and arena slots handed out on first use. */
final class Bindings {
    private final Map<PlanTensor, Data> data = new IdentityHashMap<>();
    private final Function<PlanTensor, Data> storageFor;

    /** @param storageFor storage for real tensors not bound yet (arena slots, fresh arrays) */
    Bindings(Function<PlanTensor, Data> storageFor) {
        this.storageFor = storageFor;
    }

    void bind(PlanTensor t, Data d) {
        data.put(t, d);
    }

    Data get(PlanTensor t) {
        PlanTensor owner = t.storageOwner();
        Data d = data.get(owner);
        if (d == null) {
            d = switch (owner.kind()) {
                case CONSTANT -> Data.of(owner.constant());
                case INPUT -> throw new GraphException(owner.name(), "graph input is not bound");
                case VIRTUAL -> throw new IllegalStateException("virtual tensor " + owner + " read by a kernel");
                default -> storageFor.apply(owner);
            };
            data.put(owner, d);
        }
        return d;
    }

    /** Runs commands on the reference kernels (constant folding at resize time, where speed does not matter). */
    void run(List<Command> commands) {
        for (Command c : commands) {
            try {
                ReferenceBackend.execute(c, operands(c.inputs()), operands(c.outputs()));
            } catch (GraphException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new GraphException(c.node(), c.op() + " failed: " + e);
            }
        }
    }

    /** The command's operands in its input or output order. */
    Operand[] operands(List<PlanTensor> tensors) {
        Operand[] ops = new Operand[tensors.size()];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = new Operand(get(tensors.get(i)), 0);
        }
        return ops;
    }

    /** A tensor's elements copied out of its storage (so later runs cannot change it). */
    Tensor read(PlanTensor t) {
        Tensor out = Tensor.zeros(t.dtype(), t.shape());
        Data src = get(t);
        int n = t.elements();
        if (src.floatArray() != null) {
            System.arraycopy(src.floatArray(), 0, out.buffer(), 0, n);
            return out;
        }
        Data dst = Data.of(out);
        for (int i = 0; i < n; i++) {
            dst.copy(i, src, i);
        }
        return out;
    }
}

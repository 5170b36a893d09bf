package org.walle.engine.runtime.internal;

import java.util.ArrayList;
import java.util.List;

import org.walle.engine.backend.ref.Data;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.tensor.Tensor;

/** Constant folding: runs one node's commands at resize time on fresh arrays and returns its outputs as values. */
final class FoldExecutor {
    private FoldExecutor() {
    }

    static List<Tensor> fold(List<Command> commands, List<PlanTensor> outputs) {
        Bindings b = new Bindings(t -> Data.allocate(t.dtype(), t.elements()));
        b.run(commands);
        List<Tensor> results = new ArrayList<>();
        for (PlanTensor t : outputs) {
            if (t == null) {
                results.add(null);
            } else if (t.isVirtual()) {
                PlanTensor real = new PlanTensor(-1, t.name(), t.dtype(), t.shape(), PlanTensor.Kind.ARENA);
                b.run(List.of(new Command(AtomicOp.RASTER, t.name(), t.sources(), List.of(real),
                        new Params.Raster(t.regions(), t.fill()))));
                results.add(b.read(real));
            } else {
                results.add(b.read(t));
            }
        }
        return results;
    }
}

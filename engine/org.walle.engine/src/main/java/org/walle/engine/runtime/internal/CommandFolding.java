package org.walle.engine.runtime.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.tensor.Tensor;

/**
 * Constant folding below the node: a node whose data input is only known at run time may still emit commands that
 * read constants alone (BatchNormalization's {@code scale / sqrt(var + eps)}, a Gemm's transposed constant
 * weights). Those run once at resize and their outputs become constants. A command is left alone when it would
 * enlarge a constant (a broadcast materialised to the data's size costs memory for every run's saving; a repeated
 * small tensor that meets run-time data is left for {@link BroadcastFusion} at any size) or when
 * another command of the node also writes its output.
 */
final class CommandFolding {
    private static final Set<AtomicOp> FOLDABLE = EnumSet.of(AtomicOp.RASTER, AtomicOp.UNARY, AtomicOp.BINARY,
            AtomicOp.SELECT, AtomicOp.REDUCE, AtomicOp.MATMUL);
    /** Outputs up to this size may be larger than their inputs (a small table is cheaper folded than rebuilt). */
    private static final int SMALL = 1 << 14;

    private CommandFolding() {
    }

    /** Folds what it can, removing those commands from {@code own}; returns how many were folded. */
    static int fold(List<Command> own) {
        int folded = 0;
        for (int i = 0; i < own.size(); i++) {
            Command c = own.get(i);
            if (!FOLDABLE.contains(c.op()) || !readsOnlyConstants(c) || !ownsOutputs(c, own) || enlarges(c, own)) {
                continue;
            }
            List<Tensor> values = FoldExecutor.fold(List.of(c), c.outputs());
            for (int k = 0; k < values.size(); k++) {
                c.outputs().get(k).fold(values.get(k));
            }
            own.remove(i--);
            folded++;
        }
        return folded;
    }

    private static boolean readsOnlyConstants(Command c) {
        if (c.inputs().isEmpty()) {
            return false;
        }
        for (PlanTensor t : c.inputs()) {
            if (t == null || t.storageOwner().kind() != PlanTensor.Kind.CONSTANT) {
                return false;
            }
        }
        return true;
    }

    private static boolean ownsOutputs(Command c, List<Command> own) {
        for (PlanTensor out : c.outputs()) {
            if (out.kind() != PlanTensor.Kind.ARENA) {
                return false;
            }
            for (Command other : own) {
                if (other != c && other.outputs().contains(out)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean enlarges(Command c, List<Command> own) {
        if (c.op() == AtomicOp.RASTER && BroadcastFusion.repetition(c).isPresent()) {
            // a repeated small tensor that run-time data meets stays: BroadcastFusion lets its reader take it small
            return feedsRunTimeData(c.outputs().get(0), own);
        }
        long largestInput = 0;
        for (PlanTensor t : c.inputs()) {
            largestInput = Math.max(largestInput, t.elements());
        }
        for (PlanTensor t : c.outputs()) {
            if (t.elements() > Math.max(largestInput, SMALL)) {
                return true;
            }
        }
        return false;
    }

    private static boolean feedsRunTimeData(PlanTensor t, List<Command> own) {
        for (Command reader : own) {
            if (reader.inputs().contains(t)) {
                for (PlanTensor other : reader.inputs()) {
                    if (other != t && other != null && other.storageOwner().kind() != PlanTensor.Kind.CONSTANT) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}

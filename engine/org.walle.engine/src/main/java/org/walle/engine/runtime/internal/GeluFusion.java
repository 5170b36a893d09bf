package org.walle.engine.runtime.internal;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.BinaryKind;
import org.walle.engine.decompose.Params.UnaryKind;
import org.walle.engine.decompose.PlanTensor;

/**
 * Gelu spelled out by exporters before opset 20, {@code x * (erf(x / sqrt 2) + 1) * 0.5} (the scale by
 * {@code 1/sqrt 2} as a multiplication or a division, the half taken last), is five passes over memory; it becomes
 * one GELU. Every intermediate must be read by the next step alone.
 */
final class GeluFusion {
    private static final float SQRT2 = (float) Math.sqrt(2);
    private static final float TOLERANCE = 1e-6f;

    private GeluFusion() {
    }

    /** Rewrites {@code commands} and the per-node lists in place; returns how many chains went. */
    static int fuse(List<Command> commands, Map<String, List<Command>> byNode, Collection<PlanTensor> outputs) {
        PlanUses uses = new PlanUses(commands, outputs);
        Map<Command, Command> replaced = new IdentityHashMap<>();
        int fused = 0;
        for (Command scale : commands) {
            PlanTensor x = scaledBySqrtHalf(scale);
            Command erf = x == null ? null : uses.soleReader(scale.outputs().get(0));
            if (erf == null || erf.op() != AtomicOp.UNARY || ((Params.Unary) erf.params()).kind() != UnaryKind.ERF) {
                continue;
            }
            Command plusOne = uses.soleReader(erf.outputs().get(0));
            Command product = plusOne == null ? null : uses.soleReader(plusOne.outputs().get(0));
            Command half = product == null ? null : uses.soleReader(product.outputs().get(0));
            if (half == null || PlanUses.scalarOperand(plusOne, BinaryKind.ADD, 1f) != erf.outputs().get(0)
                    || !PlanUses.isProduct(product, x, plusOne.outputs().get(0))
                    || PlanUses.scalarOperand(half, BinaryKind.MUL, 0.5f) != product.outputs().get(0)) {
                continue;
            }
            replaced.put(scale, new Command(AtomicOp.UNARY, scale.node(), List.of(x), half.outputs(),
                    Params.Unary.of(UnaryKind.GELU)));
            for (Command gone : List.of(erf, plusOne, product, half)) {
                replaced.put(gone, null);
            }
            fused++;
        }
        PlanUses.rewrite(commands, byNode, replaced);
        return fused;
    }

    private static PlanTensor scaledBySqrtHalf(Command c) {
        PlanTensor x = PlanUses.scalarOperand(c, BinaryKind.MUL, 1 / SQRT2, TOLERANCE);
        return x != null ? x : PlanUses.scalarOperand(c, BinaryKind.DIV, SQRT2, TOLERANCE);
    }
}

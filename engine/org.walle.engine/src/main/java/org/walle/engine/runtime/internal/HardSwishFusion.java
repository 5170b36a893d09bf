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
 * HardSwish spelled out by exporters that predate the op (PaddleOCR's {@code x * clip(x + 3, 0, 6) / 6}, divided
 * before or after the product) is four passes over memory; it becomes one HARD_SWISH. Every intermediate must be read
 * by the next step alone; the constants must be exactly 3, 0, 6 and 6 (or a multiplication by 1/6).
 */
final class HardSwishFusion {
    private HardSwishFusion() {
    }

    /** Rewrites {@code commands} and the per-node lists in place; returns how many chains went. */
    static int fuse(List<Command> commands, Map<String, List<Command>> byNode, Collection<PlanTensor> outputs) {
        PlanUses uses = new PlanUses(commands, outputs);
        Map<Command, Command> replaced = new IdentityHashMap<>();
        int fused = 0;
        for (Command add : commands) {
            PlanTensor x = PlanUses.scalarOperand(add, BinaryKind.ADD, 3f);
            if (x == null || replaced.containsKey(add)) {
                continue;
            }
            Command clip = uses.soleReader(add.outputs().get(0));
            if (clip == null || clip.op() != AtomicOp.UNARY || !isClip06((Params.Unary) clip.params())) {
                continue;
            }
            Command second = uses.soleReader(clip.outputs().get(0));
            Command third = second == null ? null : uses.soleReader(second.outputs().get(0));
            if (third == null) {
                continue;
            }
            boolean productFirst = PlanUses.isProduct(second, x, clip.outputs().get(0)) && isSixth(third, second);
            boolean sixthFirst = isSixth(second, clip) && PlanUses.isProduct(third, x, second.outputs().get(0));
            if (!productFirst && !sixthFirst) {
                continue;
            }
            replaced.put(add, new Command(AtomicOp.UNARY, add.node(), List.of(x), third.outputs(),
                    Params.Unary.of(UnaryKind.HARD_SWISH)));
            replaced.put(clip, null);
            replaced.put(second, null);
            replaced.put(third, null);
            fused++;
        }
        PlanUses.rewrite(commands, byNode, replaced);
        return fused;
    }

    private static boolean isClip06(Params.Unary p) {
        return p.kind() == UnaryKind.CLIP && p.alpha() == 0f && p.beta() == 6f;
    }

    /** {@code c = prev / 6} or {@code prev * (1/6)}. */
    private static boolean isSixth(Command c, Command prev) {
        PlanTensor t = prev.outputs().get(0);
        return t == PlanUses.scalarOperand(c, BinaryKind.DIV, 6f)
                || t == PlanUses.scalarOperand(c, BinaryKind.MUL, 1f / 6, 1e-7f);
    }
}

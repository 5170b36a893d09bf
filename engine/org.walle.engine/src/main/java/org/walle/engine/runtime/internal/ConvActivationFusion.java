package org.walle.engine.runtime.internal;

import java.util.Collection;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.UnaryKind;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.tensor.DType;

/**
 * A convolution whose output only an activation reads (Relu, Clip as ReLU6, HardSwish, HardSigmoid, LeakyRelu,
 * Sigmoid) takes the activation as {@link Params.Conv#activation()}: backends apply it while the output is still in
 * cache instead of another pass over memory, and the command between them goes.
 */
final class ConvActivationFusion {
    static final Set<UnaryKind> ACTIVATIONS = EnumSet.of(UnaryKind.RELU, UnaryKind.CLIP, UnaryKind.HARD_SWISH,
            UnaryKind.HARD_SIGMOID, UnaryKind.LEAKY_RELU, UnaryKind.SIGMOID);

    private ConvActivationFusion() {
    }

    /** Rewrites {@code commands} and the per-node lists in place; returns how many activations went. */
    static int fuse(List<Command> commands, Map<String, List<Command>> byNode, Collection<PlanTensor> outputs) {
        PlanUses uses = new PlanUses(commands, outputs);
        Map<Command, Command> replaced = new IdentityHashMap<>();
        for (Command conv : commands) {
            if (conv.op() != AtomicOp.CONV && conv.op() != AtomicOp.CONV_DEPTHWISE) {
                continue;
            }
            Params.Conv p = (Params.Conv) conv.params();
            PlanTensor y = conv.outputs().get(0);
            Command act = uses.soleReader(y);
            if (p.activation() != null || y.dtype() != DType.FLOAT32 || act == null || act.op() != AtomicOp.UNARY) {
                continue;
            }
            Params.Unary u = (Params.Unary) act.params();
            PlanTensor out = act.outputs().get(0);
            if (!ACTIVATIONS.contains(u.kind()) || out.dtype() != DType.FLOAT32 || !out.shape().equals(y.shape())) {
                continue;
            }
            replaced.put(conv, new Command(conv.op(), conv.node(), conv.inputs(), List.of(out), p.withActivation(u)));
            replaced.put(act, null);
        }
        PlanUses.rewrite(commands, byNode, replaced);
        return replaced.size() / 2;
    }
}

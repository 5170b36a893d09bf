package org.walle.engine.runtime.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.BinaryKind;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * A convolution followed by a per-channel (or scalar) constant scale or shift, as exporters write BatchNormalization
 * after folding it to {@code x * s + t}: the scale goes into the weights and the bias, the shift into the bias, and
 * the BINARY commands go. Needs constant float32 weights (and bias) and the convolution's output read by that one
 * BINARY alone. The result differs from the unfused chain by float rounding only.
 */
final class ConvAffineFolding {
    private ConvAffineFolding() {
    }

    /** Rewrites {@code commands} and the per-node lists in place; returns how many BINARY commands went. */
    static int fold(List<Command> commands, Map<String, List<Command>> byNode, Collection<PlanTensor> outputs,
            IntSupplier ids) {
        PlanUses uses = new PlanUses(commands, outputs);
        Map<Command, Command> replaced = new IdentityHashMap<>();
        int folded = 0;
        for (Command original : commands) {
            if (original.op() != AtomicOp.CONV && original.op() != AtomicOp.CONV_DEPTHWISE) {
                continue;
            }
            Command conv = original;
            Command next;
            while ((next = foldNext(conv, uses, ids)) != null) {
                replaced.put(uses.soleReader(conv.outputs().get(0)), null);
                conv = next;
                folded++;
            }
            if (conv != original) {
                replaced.put(original, conv);
            }
        }
        PlanUses.rewrite(commands, byNode, replaced);
        return folded;
    }

    /** The convolution with its output's one reader folded in, or null when that reader is not a foldable affine. */
    private static Command foldNext(Command conv, PlanUses uses, IntSupplier ids) {
        PlanTensor y = conv.outputs().get(0);
        Command use = uses.soleReader(y);
        float[] w = PlanUses.constantFloats(conv.inputs().get(1));
        boolean hasBias = conv.inputs().size() > 2 && conv.inputs().get(2) != null;
        float[] b = hasBias ? PlanUses.constantFloats(conv.inputs().get(2)) : null;
        if (use == null || use.op() != AtomicOp.BINARY || y.dtype() != DType.FLOAT32 || w == null
                || (hasBias && b == null) || !use.outputs().get(0).shape().equals(y.shape())) {
            return null;
        }
        Params.Binary p = (Params.Binary) use.params();
        Params.Broadcast bc = p.broadcast();
        int operand = use.inputs().get(0) == y ? 1 : 0;
        if (bc == null || bc.operand() != operand || use.inputs().get(1 - operand) != y) {
            return null;
        }
        float[] perChannel = channelValues(y.shape(), bc, PlanUses.constantFloats(use.inputs().get(operand)));
        boolean yFirst = operand == 1;
        if (perChannel == null || !foldable(p.kind(), yFirst)) {
            return null;
        }
        int channels = perChannel.length;
        float[] bias = b == null ? new float[channels] : b.clone();
        float[] weights = w.clone();
        int perOut = weights.length / channels;
        for (int co = 0; co < channels; co++) {
            float v = perChannel[co];
            switch (p.kind()) {
                case MUL, DIV -> {
                    float scale = p.kind() == BinaryKind.MUL ? v : 1 / v;
                    for (int i = co * perOut; i < (co + 1) * perOut; i++) {
                        weights[i] *= scale;
                    }
                    bias[co] *= scale;
                }
                case ADD -> bias[co] += v;
                default -> bias[co] -= v; // SUB, the convolution first
            }
        }
        PlanTensor weightT = conv.inputs().get(1);
        List<PlanTensor> inputs = new ArrayList<>(List.of(conv.inputs().get(0),
                PlanTensor.constant(ids.getAsInt(), weightT.name() + "#folded", Tensor.wrap(weightT.shape(), weights)),
                PlanTensor.constant(ids.getAsInt(), use.node() + "#bias", Tensor.wrap(Shape.of(channels), bias))));
        return new Command(conv.op(), conv.node(), inputs, use.outputs(), conv.params());
    }

    private static boolean foldable(BinaryKind kind, boolean convFirst) {
        return switch (kind) {
            case MUL, ADD -> true;
            case SUB, DIV -> convFirst;
            default -> false;
        };
    }

    /**
     * The constant's value per output channel of an NC... output when the broadcast reads it per channel (or as a
     * scalar), else null.
     */
    private static float[] channelValues(Shape y, Params.Broadcast bc, float[] values) {
        if (values == null || y.rank() < 2) {
            return null;
        }
        int channels = (int) y.get(1);
        int spatial = (int) (y.size() / y.get(0) / channels);
        float[] out = new float[channels];
        if (bc.mid() == 1) {
            java.util.Arrays.fill(out, values[0]);
            return out;
        }
        if (bc.mid() != channels || bc.inner() != spatial) {
            return null;
        }
        System.arraycopy(values, 0, out, 0, channels);
        return out;
    }
}

package org.walle.engine.runtime.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.BinaryKind;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.tensor.DType;

/**
 * Who reads and writes each tensor of a command list, for the rewrites after planning: a tensor may only be fused
 * away when its one writer and its readers are known, no plan output is it, and no other tensor aliases its storage.
 */
final class PlanUses {
    private final Map<PlanTensor, List<Command>> readers = new IdentityHashMap<>();
    private final Map<PlanTensor, Integer> writers = new IdentityHashMap<>();
    private final Set<PlanTensor> kept = Collections.newSetFromMap(new IdentityHashMap<>());

    PlanUses(List<Command> commands, Collection<PlanTensor> outputs) {
        for (Command c : commands) {
            for (PlanTensor t : c.inputs()) {
                if (t != null) {
                    readers.computeIfAbsent(t, k -> new ArrayList<>()).add(c);
                    if (t.storageOwner() != t) {
                        kept.add(t.storageOwner());
                    }
                }
            }
            for (PlanTensor t : c.outputs()) {
                writers.merge(t, 1, Integer::sum);
            }
        }
        outputs.forEach(t -> kept.add(t.storageOwner()));
    }

    /** The commands reading {@code t} (as listed before any rewrite). */
    List<Command> readers(PlanTensor t) {
        return readers.getOrDefault(t, List.of());
    }

    /** An arena tensor one command writes, others read, and nothing else sees: a rewrite may drop it. */
    boolean internal(PlanTensor t) {
        return t.kind() == PlanTensor.Kind.ARENA && !kept.contains(t) && writers.getOrDefault(t, 0) == 1;
    }

    /** The one command reading an internal tensor, else null. */
    Command soleReader(PlanTensor t) {
        List<Command> r = readers(t);
        return internal(t) && r.size() == 1 ? r.get(0) : null;
    }

    /** A float32 constant's values, else null. */
    static float[] constantFloats(PlanTensor t) {
        PlanTensor owner = t == null ? null : t.storageOwner();
        if (owner == null || owner.kind() != PlanTensor.Kind.CONSTANT || owner.dtype() != DType.FLOAT32) {
            return null;
        }
        return owner.constant().toFloatArray();
    }

    /**
     * For {@code c = t kind v} (or {@code v kind t} when the kind commutes) with {@code v} a broadcast float32 scalar
     * constant within {@code tolerance} of {@code value}: {@code t}; else null.
     */
    static PlanTensor scalarOperand(Command c, BinaryKind kind, float value, float tolerance) {
        if (c.op() != AtomicOp.BINARY) {
            return null;
        }
        Params.Binary p = (Params.Binary) c.params();
        Params.Broadcast bc = p.broadcast();
        if (p.kind() != kind || bc == null || bc.mid() != 1) {
            return null;
        }
        float[] v = constantFloats(c.inputs().get(bc.operand()));
        boolean commutes = kind == BinaryKind.ADD || kind == BinaryKind.MUL;
        if (v == null || !(Math.abs(v[0] - value) <= tolerance) || (!commutes && bc.operand() != 1)) {
            return null;
        }
        return c.inputs().get(1 - bc.operand());
    }

    /** {@link #scalarOperand(Command, BinaryKind, float, float)} with an exact value. */
    static PlanTensor scalarOperand(Command c, BinaryKind kind, float value) {
        return scalarOperand(c, kind, value, 0);
    }

    /** {@code c = x * t} or {@code t * x}, both of the output's size. */
    static boolean isProduct(Command c, PlanTensor x, PlanTensor t) {
        if (c.op() != AtomicOp.BINARY) {
            return false;
        }
        Params.Binary p = (Params.Binary) c.params();
        List<PlanTensor> in = c.inputs();
        return p.kind() == BinaryKind.MUL && p.broadcast() == null && x != t
                && ((in.get(0) == x && in.get(1) == t) || (in.get(0) == t && in.get(1) == x));
    }

    /** Applies a rewrite's replacements to the plan's command list and to every node's list. */
    static void rewrite(List<Command> commands, Map<String, List<Command>> byNode, Map<Command, Command> replaced) {
        if (!replaced.isEmpty()) {
            rewrite(commands, replaced);
            byNode.values().forEach(list -> rewrite(list, replaced));
        }
    }

    /** Replaces commands (a null replacement drops one) in a command list, keeping the order. */
    private static void rewrite(List<Command> list, Map<Command, Command> replaced) {
        List<Command> out = new ArrayList<>(list.size());
        for (Command c : list) {
            if (!replaced.containsKey(c)) {
                out.add(c);
            } else if (replaced.get(c) != null) {
                out.add(replaced.get(c));
            }
        }
        list.clear();
        list.addAll(out);
    }
}

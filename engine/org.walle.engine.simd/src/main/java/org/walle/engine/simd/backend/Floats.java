package org.walle.engine.simd.backend;

import java.util.Arrays;

import org.walle.engine.backend.ref.Operand;

/**
 * Float32 operands as the kernels want them: arrays whose tensor starts at index 0. Top-level commands get exactly
 * that (the backing array itself, possibly longer than the tensor); operands shifted inside a loop are copied.
 */
final class Floats {
    private Floats() {
    }

    static float[] array(Operand op) {
        float[] a = op.floats();
        if (a == null) {
            throw new IllegalStateException("cpu-simd got a " + op.data().dtype() + " operand without a float array");
        }
        return a;
    }

    /** The operand's first {@code n} floats starting at index 0: the backing array when possible, else a copy. */
    static float[] read(Operand op, int n) {
        float[] a = array(op);
        return op.offset() == 0 ? a : Arrays.copyOfRange(a, op.offset(), op.offset() + n);
    }

    /** Where a kernel writing {@code n} floats from index 0 should write; {@link #commit} completes the write. */
    static float[] target(Operand op, int n) {
        return op.offset() == 0 ? array(op) : new float[n];
    }

    static void commit(Operand op, float[] written, int n) {
        float[] a = array(op);
        if (written != a) {
            System.arraycopy(written, 0, a, op.offset(), n);
        }
    }
}

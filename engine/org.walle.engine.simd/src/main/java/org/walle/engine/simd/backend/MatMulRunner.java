package org.walle.engine.simd.backend;

import org.walle.engine.backend.ref.Operand;
import org.walle.engine.decompose.Params;
import org.walle.engine.simd.Gemm;
import org.walle.engine.simd.GemmTiling;
import org.walle.engine.simd.Strassen;
import org.walle.engine.simd.internal.GemmKernel;

/**
 * One {@code C = alpha * op(A) x op(B) + beta * bias} with the tiled GEMM or Strassen, as the reference kernel
 * defines it. Transposed operands are transposed into scratch arrays made once per runner (a constant B once,
 * when the plan is prepared); the GEMM reads operands in place at any offset, Strassen wants them dense at 0.
 * Not thread-safe when it needs scratch: {@link #needsScratch()} tells the batched loop whether it may share it.
 */
final class MatMulRunner {
    private final Params.MatMul p;
    private final GemmTiling tiling;
    private final int strassenLevels;
    private final float[] constantB;
    /** A constant B packed once into the GEMM's panels (it was re-packed at every run); null for Strassen. */
    private final GemmKernel.PackedB packedB;
    private float[] aScratch;
    private float[] bScratch;
    private float[] cScratch;

    /**
     * @param strassenLevels 0 for the tiled GEMM
     * @param constantB      B's elements when they are a plan constant (pre-transposed here), else null
     */
    MatMulRunner(Params.MatMul p, GemmTiling tiling, int strassenLevels, float[] constantB) {
        this.p = p;
        this.tiling = tiling;
        this.strassenLevels = strassenLevels;
        this.constantB = constantB == null ? null
                : p.transB() ? transpose(constantB, 0, p.n(), p.k(), new float[p.k() * p.n()]) : constantB;
        this.packedB = this.constantB == null || strassenLevels > 0 || p.m() < GemmKernel.MR ? null
                : GemmKernel.packB(this.constantB, 0, p.n(), p.k(), p.n(), tiling);
    }

    boolean needsScratch() {
        return strassenLevels > 0 || p.transA() || (p.transB() && constantB == null);
    }

    void run(Operand a, Operand b, Operand bias, Operand c, int threads) {
        int m = p.m();
        int n = p.n();
        int k = p.k();
        float[] aArr = Floats.array(a);
        int aOff = a.offset();
        if (p.transA()) {
            aScratch = scratch(aScratch, m * k);
            aArr = transpose(aArr, aOff, k, m, aScratch);
            aOff = 0;
        }
        float[] bArr;
        int bOff = 0;
        if (constantB != null) {
            bArr = constantB;
        } else if (p.transB()) {
            bScratch = scratch(bScratch, k * n);
            bArr = transpose(Floats.array(b), b.offset(), n, k, bScratch);
        } else {
            bArr = Floats.array(b);
            bOff = b.offset();
        }
        float[] cArr = Floats.array(c);
        if (strassenLevels > 0) {
            strassen(aArr, aOff, bArr, bOff, c, bias, threads);
            return;
        }
        boolean biasFirst = bias != null && p.alpha() == 1f;
        if (biasFirst) {
            // C = beta * bias, then the GEMM accumulates: the common Gemm node costs no extra pass
            float[] bi = Floats.array(bias);
            int off = bias.offset();
            for (int i = 0; i < m * n; i++) {
                cArr[c.offset() + i] = p.beta() * bi[off + i];
            }
        }
        if (packedB != null) {
            GemmKernel.multiply(aArr, aOff, k, null, bArr, bOff, n, packedB, cArr, c.offset(), n, m, n, k, biasFirst,
                    tiling, threads);
        } else {
            Gemm.multiply(aArr, aOff, k, bArr, bOff, n, cArr, c.offset(), n, m, n, k, biasFirst, tiling, threads);
        }
        if (!biasFirst) {
            epilogue(cArr, c.offset(), bias);
        }
    }

    private void strassen(float[] aArr, int aOff, float[] bArr, int bOff, Operand c, Operand bias, int threads) {
        int m = p.m();
        int n = p.n();
        int k = p.k();
        if (aOff != 0) {
            aScratch = scratch(aScratch, m * k);
            System.arraycopy(aArr, aOff, aScratch, 0, m * k);
            aArr = aScratch;
        }
        if (bOff != 0) {
            bScratch = scratch(bScratch, k * n);
            System.arraycopy(bArr, bOff, bScratch, 0, k * n);
            bArr = bScratch;
        }
        float[] cArr = Floats.array(c);
        if (c.offset() != 0) {
            cScratch = scratch(cScratch, m * n);
            cArr = cScratch;
        }
        Strassen.multiply(aArr, bArr, cArr, m, n, k, strassenLevels, threads);
        if (cArr != Floats.array(c)) {
            System.arraycopy(cArr, 0, Floats.array(c), c.offset(), m * n);
        }
        epilogue(Floats.array(c), c.offset(), bias);
    }

    /** {@code C = alpha * C + beta * bias}, skipped when it is the identity. */
    private void epilogue(float[] c, int off, Operand bias) {
        int size = p.m() * p.n();
        float alpha = p.alpha();
        if (bias == null) {
            if (alpha != 1f) {
                for (int i = 0; i < size; i++) {
                    c[off + i] *= alpha;
                }
            }
            return;
        }
        float beta = p.beta();
        float[] bi = Floats.array(bias);
        int bOff = bias.offset();
        for (int i = 0; i < size; i++) {
            c[off + i] = alpha * c[off + i] + beta * bi[bOff + i];
        }
    }

    private static float[] scratch(float[] current, int size) {
        return current != null && current.length >= size ? current : new float[size];
    }

    /** {@code src} holds a {@code rows x cols} matrix at {@code off}; writes its {@code cols x rows} transpose. */
    static float[] transpose(float[] src, int off, int rows, int cols, float[] dst) {
        final int block = 32;
        for (int r0 = 0; r0 < rows; r0 += block) {
            int r1 = Math.min(rows, r0 + block);
            for (int c0 = 0; c0 < cols; c0 += block) {
                int c1 = Math.min(cols, c0 + block);
                for (int r = r0; r < r1; r++) {
                    for (int col = c0; col < c1; col++) {
                        dst[col * rows + r] = src[off + r * cols + col];
                    }
                }
            }
        }
        return dst;
    }
}

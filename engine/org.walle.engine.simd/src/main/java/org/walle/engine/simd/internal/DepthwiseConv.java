package org.walle.engine.simd.internal;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.walle.engine.simd.Conv2dParams;
import org.walle.engine.simd.Parallel;

/**
 * Depthwise convolution (one input channel per group). Each input plane is first copied into a zero-bordered
 * scratch plane, so every tap of every output pixel reads inside the array and there is no border code at all: each
 * output row is a run of vectors whose accumulator stays in a register across the KH*KW taps. A row with horizontal
 * stride s computes the stride-1 row (s times the FMAs of the row, still vectorised) and keeps every s-th value;
 * that beats scalar code, which is 10x slower per FMA. 3x3 kernels keep their nine weights in registers. Stride-1
 * 3x3 and 5x5 kernels go to {@link FlatDepthwise} (the whole bordered plane as one vector loop).
 */
public final class DepthwiseConv {

    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    private static final int L = SP.length();
    /**
     * Multiply-adds per task at least (~10-20 us of work): a hand-off to a spinning worker costs a few microseconds.
     * (It was 2^18 when every split forked: then the 14x14 and 28x28 stride-2 layers of a MobileNet never split.)
     */
    static final int MIN_FMAS_PER_TASK = 1 << 16;

    private static final Scratch PADDED = new Scratch();

    private DepthwiseConv() {
    }

    public static void run(Conv2dParams p, float[] in, float[] w, float[] bias, float[] out, int threads) {
        run(p, in, w, bias, null, out, threads);
    }

    /** As above, with {@code activation} (null: none) applied to each output plane as it is finished. */
    public static void run(Conv2dParams p, float[] in, float[] w, float[] bias, RowFunction activation, float[] out,
            int threads) {
        if (FlatDepthwise.applies(p)) {
            FlatDepthwise.run(p, in, w, bias, activation, out, threads);
            return;
        }
        int planes = p.batch() * p.outChannels();
        long fmasPerPlane = (long) p.outHeight() * p.outWidth() * p.kernelH() * p.kernelW();
        int grain = (int) Math.max(1, MIN_FMAS_PER_TASK / Math.max(1, fmasPerPlane));
        Parallel.forRange(threads, planes, grain, (from, to) -> {
            Geometry g = new Geometry(p);
            int paddedSize = g.paddedRows * g.paddedWidth;
            float[] padded = PADDED.take(paddedSize + g.rowVectors * L);
            // the border must read as zero; the interior is overwritten per plane
            java.util.Arrays.fill(padded, 0, paddedSize, 0f);
            float[] rowBuf = new float[g.rowVectors * L];
            int lastPlane = -1;
            for (int plane = from; plane < to; plane++) {
                int n = plane / p.outChannels();
                int oc = plane % p.outChannels();
                int inPlane = n * p.inChannels() + oc / p.outPerGroup();
                if (inPlane != lastPlane) {
                    g.pad(in, inPlane * p.height() * p.width(), padded);
                    lastPlane = inPlane;
                }
                float b = bias == null ? 0f : bias[oc];
                int outBase = plane * p.outHeight() * p.outWidth();
                int wBase = oc * p.kernelH() * p.kernelW();
                if (p.kernelH() == 3 && p.kernelW() == 3 && p.dilationW() == 1) {
                    plane3x3(g, padded, w, wBase, b, out, outBase, rowBuf);
                } else {
                    plane(g, padded, w, wBase, b, out, outBase, rowBuf);
                }
                if (activation != null) {
                    activation.apply(out, outBase, 1, 0, p.outHeight() * p.outWidth());
                }
            }
            PADDED.give(padded);
        });
    }

    /** Sizes of the zero-bordered plane and of the stride-1 rows computed from it. */
    static final class Geometry {
        final Conv2dParams p;
        final int paddedWidth;
        final int paddedRows;
        /** Stride-1 outputs needed per row: {@code (OW - 1) * strideW + 1}. */
        final int denseWidth;
        final int rowVectors;

        Geometry(Conv2dParams p) {
            this.p = p;
            this.denseWidth = (p.outWidth() - 1) * p.strideW() + 1;
            this.rowVectors = (denseWidth + L - 1) / L;
            int reach = (p.kernelW() - 1) * p.dilationW();
            this.paddedWidth = Math.max(p.padLeft() + p.width() + p.padRight(), rowVectors * L + reach);
            this.paddedRows = Math.max(p.padTop() + p.height() + p.padBottom(),
                    (p.outHeight() - 1) * p.strideH() + (p.kernelH() - 1) * p.dilationH() + 1);
        }

        /** Copies one input plane into the interior; the border cells are never written, so they stay zero. */
        void pad(float[] in, int from, float[] padded) {
            int w = p.width();
            for (int y = 0; y < p.height(); y++) {
                System.arraycopy(in, from + y * w, padded, (y + p.padTop()) * paddedWidth + p.padLeft(), w);
            }
        }
    }

    /**
     * Any kernel: per kernel row, the row's taps are added to the whole output row held in {@code rowBuf} (in L1).
     * No vector lives across a loop with a variable trip count: C2 would box it and fall back to Java code.
     */
    private static void plane(Geometry g, float[] padded, float[] w, int wBase, float b, float[] out, int outBase,
            float[] rowBuf) {
        Conv2dParams p = g.p;
        int kh = p.kernelH();
        int kw = p.kernelW();
        int dw = p.dilationW();
        int pw = g.paddedWidth;
        int width = g.rowVectors * L;
        for (int oy = 0; oy < p.outHeight(); oy++) {
            int top = oy * p.strideH() * pw;
            java.util.Arrays.fill(rowBuf, 0, width, b);
            for (int y = 0; y < kh; y++) {
                int src = top + y * p.dilationH() * pw;
                int wRow = wBase + y * kw;
                if (kw == 5 && dw == 1) {
                    taps5(padded, src, w, wRow, rowBuf, width);
                } else if (kw == 3 && dw == 1) {
                    taps3(padded, src, w, wRow, rowBuf, width);
                } else {
                    for (int x = 0; x < kw; x++) {
                        axpy(padded, src + x * dw, w[wRow + x], rowBuf, width);
                    }
                }
            }
            emit(p, rowBuf, out, outBase + oy * p.outWidth());
        }
    }

    private static void taps5(float[] padded, int src, float[] w, int wRow, float[] rowBuf, int width) {
        FloatVector w0 = FloatVector.broadcast(SP, w[wRow]);
        FloatVector w1 = FloatVector.broadcast(SP, w[wRow + 1]);
        FloatVector w2 = FloatVector.broadcast(SP, w[wRow + 2]);
        FloatVector w3 = FloatVector.broadcast(SP, w[wRow + 3]);
        FloatVector w4 = FloatVector.broadcast(SP, w[wRow + 4]);
        for (int c = 0; c < width; c += L) {
            int s = src + c;
            FloatVector acc = FloatVector.fromArray(SP, rowBuf, c);
            acc = FloatVector.fromArray(SP, padded, s).fma(w0, acc);
            acc = FloatVector.fromArray(SP, padded, s + 1).fma(w1, acc);
            acc = FloatVector.fromArray(SP, padded, s + 2).fma(w2, acc);
            acc = FloatVector.fromArray(SP, padded, s + 3).fma(w3, acc);
            acc = FloatVector.fromArray(SP, padded, s + 4).fma(w4, acc);
            acc.intoArray(rowBuf, c);
        }
    }

    private static void taps3(float[] padded, int src, float[] w, int wRow, float[] rowBuf, int width) {
        FloatVector w0 = FloatVector.broadcast(SP, w[wRow]);
        FloatVector w1 = FloatVector.broadcast(SP, w[wRow + 1]);
        FloatVector w2 = FloatVector.broadcast(SP, w[wRow + 2]);
        for (int c = 0; c < width; c += L) {
            int s = src + c;
            FloatVector acc = FloatVector.fromArray(SP, rowBuf, c);
            acc = FloatVector.fromArray(SP, padded, s).fma(w0, acc);
            acc = FloatVector.fromArray(SP, padded, s + 1).fma(w1, acc);
            acc = FloatVector.fromArray(SP, padded, s + 2).fma(w2, acc);
            acc.intoArray(rowBuf, c);
        }
    }

    private static void axpy(float[] padded, int src, float weight, float[] rowBuf, int width) {
        FloatVector vw = FloatVector.broadcast(SP, weight);
        for (int c = 0; c < width; c += L) {
            FloatVector.fromArray(SP, padded, src + c).fma(vw, FloatVector.fromArray(SP, rowBuf, c))
                    .intoArray(rowBuf, c);
        }
    }

    /**
     * 3x3 (any vertical dilation, horizontal dilation 1). The taps of an output vector alternate between two
     * accumulators (two FMA chains instead of one of nine, whose latency stalled the loop: 17 -> 37 GFLOP/s on
     * 112x112 planes), and with stride 1 and no dilation two output rows are made per pass: they share two of their
     * input rows, so a pair loads 12 input vectors instead of 18. Everything stays in one method: vectors kept in an
     * object or passed to a call C2 does not inline are boxed.
     */
    private static void plane3x3(Geometry g, float[] x, float[] w, int wBase, float b, float[] out, int outBase,
            float[] rowBuf) {
        Conv2dParams p = g.p;
        int pw = g.paddedWidth;
        int rowStep = p.dilationH() * pw;
        FloatVector vb = FloatVector.broadcast(SP, b);
        FloatVector w00 = FloatVector.broadcast(SP, w[wBase]);
        FloatVector w01 = FloatVector.broadcast(SP, w[wBase + 1]);
        FloatVector w02 = FloatVector.broadcast(SP, w[wBase + 2]);
        FloatVector w10 = FloatVector.broadcast(SP, w[wBase + 3]);
        FloatVector w11 = FloatVector.broadcast(SP, w[wBase + 4]);
        FloatVector w12 = FloatVector.broadcast(SP, w[wBase + 5]);
        FloatVector w20 = FloatVector.broadcast(SP, w[wBase + 6]);
        FloatVector w21 = FloatVector.broadcast(SP, w[wBase + 7]);
        FloatVector w22 = FloatVector.broadcast(SP, w[wBase + 8]);
        boolean direct = p.strideW() == 1;
        int ow = p.outWidth();
        int fullVectors = direct ? ow / L : 0;
        // row pairs: every vector of both rows, the ragged end through rowBuf (upper row at 0, lower at L)
        int pairVectors = fullVectors + (ow % L == 0 ? 0 : 1);
        int pairRows = direct && p.strideH() == 1 && p.dilationH() == 1 ? p.outHeight() / 2 * 2 : 0;
        for (int oy = 0; oy < pairRows; oy += 2) {
            int upperRow = outBase + oy * ow;
            int lowerRow = upperRow + ow;
            for (int v = 0; v < pairVectors; v++) {
                int c = v * L;
                int s = oy * pw + c;
                FloatVector a0 = FloatVector.fromArray(SP, x, s);
                FloatVector a1 = FloatVector.fromArray(SP, x, s + 1);
                FloatVector a2 = FloatVector.fromArray(SP, x, s + 2);
                FloatVector upper = a0.fma(w00, vb);
                FloatVector upper1 = a1.mul(w01);
                upper = a2.fma(w02, upper);
                s += pw;
                a0 = FloatVector.fromArray(SP, x, s);
                a1 = FloatVector.fromArray(SP, x, s + 1);
                a2 = FloatVector.fromArray(SP, x, s + 2);
                upper1 = a0.fma(w10, upper1);
                upper = a1.fma(w11, upper);
                upper1 = a2.fma(w12, upper1);
                FloatVector lower = a0.fma(w00, vb);
                FloatVector lower1 = a1.mul(w01);
                lower = a2.fma(w02, lower);
                s += pw;
                a0 = FloatVector.fromArray(SP, x, s);
                a1 = FloatVector.fromArray(SP, x, s + 1);
                a2 = FloatVector.fromArray(SP, x, s + 2);
                upper = a0.fma(w20, upper);
                upper1 = a1.fma(w21, upper1);
                upper = a2.fma(w22, upper);
                lower1 = a0.fma(w10, lower1);
                lower = a1.fma(w11, lower);
                lower1 = a2.fma(w12, lower1);
                s += pw;
                a0 = FloatVector.fromArray(SP, x, s);
                a1 = FloatVector.fromArray(SP, x, s + 1);
                a2 = FloatVector.fromArray(SP, x, s + 2);
                lower = a0.fma(w20, lower);
                lower1 = a1.fma(w21, lower1);
                lower = a2.fma(w22, lower);
                upper = upper.add(upper1);
                lower = lower.add(lower1);
                if (v < fullVectors) {
                    upper.intoArray(out, upperRow + c);
                    lower.intoArray(out, lowerRow + c);
                } else {
                    upper.intoArray(rowBuf, 0);
                    lower.intoArray(rowBuf, L);
                    System.arraycopy(rowBuf, 0, out, upperRow + c, ow - c);
                    System.arraycopy(rowBuf, L, out, lowerRow + c, ow - c);
                }
            }
        }
        for (int oy = pairRows; oy < p.outHeight(); oy++) {
            int r0 = oy * p.strideH() * pw;
            int r1 = r0 + rowStep;
            int r2 = r1 + rowStep;
            int outRow = outBase + oy * ow;
            for (int v = 0; v < g.rowVectors; v++) {
                int c = v * L;
                FloatVector acc = FloatVector.fromArray(SP, x, r0 + c).fma(w00, vb);
                FloatVector acc1 = FloatVector.fromArray(SP, x, r0 + c + 1).mul(w01);
                acc = FloatVector.fromArray(SP, x, r0 + c + 2).fma(w02, acc);
                acc1 = FloatVector.fromArray(SP, x, r1 + c).fma(w10, acc1);
                acc = FloatVector.fromArray(SP, x, r1 + c + 1).fma(w11, acc);
                acc1 = FloatVector.fromArray(SP, x, r1 + c + 2).fma(w12, acc1);
                acc = FloatVector.fromArray(SP, x, r2 + c).fma(w20, acc);
                acc1 = FloatVector.fromArray(SP, x, r2 + c + 1).fma(w21, acc1);
                acc = FloatVector.fromArray(SP, x, r2 + c + 2).fma(w22, acc).add(acc1);
                // stride 1: whole vectors go straight to the output, only the ragged end goes through rowBuf
                if (v < fullVectors) {
                    acc.intoArray(out, outRow + c);
                } else {
                    acc.intoArray(rowBuf, c);
                }
            }
            if (direct) {
                int done = fullVectors * L;
                System.arraycopy(rowBuf, done, out, outRow + done, ow - done);
            } else {
                emit(p, rowBuf, out, outRow);
            }
        }
    }

    /** Keeps every strideW-th stride-1 output of the row. */
    private static void emit(Conv2dParams p, float[] rowBuf, float[] out, int outRow) {
        int s = p.strideW();
        int ow = p.outWidth();
        if (s == 1) {
            System.arraycopy(rowBuf, 0, out, outRow, ow);
            return;
        }
        for (int ox = 0; ox < ow; ox++) {
            out[outRow + ox] = rowBuf[ox * s];
        }
    }
}

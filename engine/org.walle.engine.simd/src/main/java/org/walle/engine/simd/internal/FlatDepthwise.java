package org.walle.engine.simd.internal;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.walle.engine.simd.Conv2dParams;
import org.walle.engine.simd.Parallel;

/**
 * Stride-1, dilation-1 depthwise 3x3 and 5x5 convolution over the zero-bordered plane read as one long row.
 *
 * <p>Used for narrow planes ({@link #MAX_WIDTH}). With the bordered plane's width {@code pw = padLeft + W + padRight}, output pixel {@code (oy, ox)} is
 * {@code sum w[ky][kx] * plane[j + ky * pw + kx]} at {@code j = oy * pw + ox}: every tap is a unit-stride run of the
 * plane, so one vector loop over {@code j} covers the whole plane (the {@code pw - OW} columns per row that fall
 * into the border are computed and dropped). Small planes (the OCR models' 20x20, 10x10 and 12x80 5x5 layers) then
 * run whole vectors instead of a partly filled vector per short row with the per-row loop and weight set-up, and all
 * taps of a vector accumulate in one register (the row kernel of {@link DepthwiseConv} loads and stores its row
 * buffer once per kernel row).
 */
final class FlatDepthwise {

    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    private static final int L = SP.length();

    private static final Scratch PLANES = new Scratch();
    private static final Scratch SUMS = new Scratch();

    private FlatDepthwise() {
    }

    /**
     * Rows of at most this many outputs take the flat loop. Wider rows fill their vectors anyway and the row kernel
     * stores straight into the output, which measured faster on 112- and 80-wide planes (the flat loop writes a
     * scratch plane and copies it out); on 20-, 14- and 10-wide planes the flat loop was 1.1-2x faster.
     */
    static final int MAX_WIDTH = 4 * L;

    static boolean applies(Conv2dParams p) {
        int k = p.kernelH();
        return p.inPerGroup() == 1 && p.outWidth() <= MAX_WIDTH && (k == 3 || k == 5) && p.kernelW() == k
                && p.strideH() == 1
                && p.strideW() == 1 && p.dilationH() == 1 && p.dilationW() == 1;
    }

    static void run(Conv2dParams p, float[] in, float[] w, float[] bias, RowFunction activation, float[] out,
            int threads) {
        int k = p.kernelH();
        int pw = p.padLeft() + p.width() + p.padRight();
        int rows = p.padTop() + p.height() + p.padBottom();
        int ow = p.outWidth();
        int oh = p.outHeight();
        int vectors = (oh * pw + L - 1) / L;
        // the last vector reads up to (k - 1) rows and columns past its start: keep that much zero slack
        int size = rows * pw + (k - 1) + L;
        int planes = p.batch() * p.outChannels();
        long fmasPerPlane = (long) vectors * L * k * k;
        int grain = (int) Math.max(1, DepthwiseConv.MIN_FMAS_PER_TASK / Math.max(1, fmasPerPlane));
        Parallel.forRange(threads, planes, grain, (from, to) -> {
            float[] plane = PLANES.take(size);
            float[] sums = SUMS.take(vectors * L);
            // the border and the slack must read as zero; the interior is overwritten per plane
            Arrays.fill(plane, 0, size, 0f);
            int lastInput = -1;
            for (int t = from; t < to; t++) {
                int n = t / p.outChannels();
                int oc = t % p.outChannels();
                int input = n * p.inChannels() + oc / p.outPerGroup();
                if (input != lastInput) {
                    int src = input * p.height() * p.width();
                    for (int y = 0; y < p.height(); y++) {
                        System.arraycopy(in, src + y * p.width(), plane, (y + p.padTop()) * pw + p.padLeft(),
                                p.width());
                    }
                    lastInput = input;
                }
                float b = bias == null ? 0f : bias[oc];
                if (k == 3) {
                    sums3(plane, pw, w, oc * 9, b, sums, vectors);
                } else {
                    sums5(plane, pw, w, oc * 25, b, sums, vectors);
                }
                int dst = t * oh * ow;
                for (int oy = 0; oy < oh; oy++) {
                    System.arraycopy(sums, oy * pw, out, dst + oy * ow, ow);
                }
                if (activation != null) {
                    activation.apply(out, dst, 1, 0, oh * ow);
                }
            }
            SUMS.give(sums);
            PLANES.give(plane);
        });
    }

    private static void sums3(float[] x, int pw, float[] w, int wb, float b, float[] y, int vectors) {
        FloatVector vb = FloatVector.broadcast(SP, b);
        FloatVector w00 = FloatVector.broadcast(SP, w[wb]);
        FloatVector w01 = FloatVector.broadcast(SP, w[wb + 1]);
        FloatVector w02 = FloatVector.broadcast(SP, w[wb + 2]);
        FloatVector w10 = FloatVector.broadcast(SP, w[wb + 3]);
        FloatVector w11 = FloatVector.broadcast(SP, w[wb + 4]);
        FloatVector w12 = FloatVector.broadcast(SP, w[wb + 5]);
        FloatVector w20 = FloatVector.broadcast(SP, w[wb + 6]);
        FloatVector w21 = FloatVector.broadcast(SP, w[wb + 7]);
        FloatVector w22 = FloatVector.broadcast(SP, w[wb + 8]);
        int r1 = pw;
        int r2 = 2 * pw;
        for (int v = 0; v < vectors; v++) {
            int j = v * L;
            // two accumulators: two FMA chains of latency instead of one of nine
            FloatVector acc = FloatVector.fromArray(SP, x, j).fma(w00, vb);
            FloatVector acc1 = FloatVector.fromArray(SP, x, j + 1).mul(w01);
            acc = FloatVector.fromArray(SP, x, j + 2).fma(w02, acc);
            acc1 = FloatVector.fromArray(SP, x, j + r1).fma(w10, acc1);
            acc = FloatVector.fromArray(SP, x, j + r1 + 1).fma(w11, acc);
            acc1 = FloatVector.fromArray(SP, x, j + r1 + 2).fma(w12, acc1);
            acc = FloatVector.fromArray(SP, x, j + r2).fma(w20, acc);
            acc1 = FloatVector.fromArray(SP, x, j + r2 + 1).fma(w21, acc1);
            acc = FloatVector.fromArray(SP, x, j + r2 + 2).fma(w22, acc).add(acc1);
            acc.intoArray(y, j);
        }
    }

    /** 25 taps in one accumulator; the weights are re-broadcast from the array (25 do not fit the registers). */
    private static void sums5(float[] x, int pw, float[] w, int wb, float b, float[] y, int vectors) {
        FloatVector vb = FloatVector.broadcast(SP, b);
        for (int v = 0; v < vectors; v++) {
            int j = v * L;
            int j1 = j + pw;
            int j2 = j1 + pw;
            int j3 = j2 + pw;
            int j4 = j3 + pw;
            FloatVector acc = FloatVector.fromArray(SP, x, j).fma(FloatVector.broadcast(SP, w[wb]), vb);
            acc = FloatVector.fromArray(SP, x, j + 1).fma(FloatVector.broadcast(SP, w[wb + 1]), acc);
            acc = FloatVector.fromArray(SP, x, j + 2).fma(FloatVector.broadcast(SP, w[wb + 2]), acc);
            acc = FloatVector.fromArray(SP, x, j + 3).fma(FloatVector.broadcast(SP, w[wb + 3]), acc);
            acc = FloatVector.fromArray(SP, x, j + 4).fma(FloatVector.broadcast(SP, w[wb + 4]), acc);
            acc = FloatVector.fromArray(SP, x, j1).fma(FloatVector.broadcast(SP, w[wb + 5]), acc);
            acc = FloatVector.fromArray(SP, x, j1 + 1).fma(FloatVector.broadcast(SP, w[wb + 6]), acc);
            acc = FloatVector.fromArray(SP, x, j1 + 2).fma(FloatVector.broadcast(SP, w[wb + 7]), acc);
            acc = FloatVector.fromArray(SP, x, j1 + 3).fma(FloatVector.broadcast(SP, w[wb + 8]), acc);
            acc = FloatVector.fromArray(SP, x, j1 + 4).fma(FloatVector.broadcast(SP, w[wb + 9]), acc);
            acc = FloatVector.fromArray(SP, x, j2).fma(FloatVector.broadcast(SP, w[wb + 10]), acc);
            acc = FloatVector.fromArray(SP, x, j2 + 1).fma(FloatVector.broadcast(SP, w[wb + 11]), acc);
            acc = FloatVector.fromArray(SP, x, j2 + 2).fma(FloatVector.broadcast(SP, w[wb + 12]), acc);
            acc = FloatVector.fromArray(SP, x, j2 + 3).fma(FloatVector.broadcast(SP, w[wb + 13]), acc);
            acc = FloatVector.fromArray(SP, x, j2 + 4).fma(FloatVector.broadcast(SP, w[wb + 14]), acc);
            acc = FloatVector.fromArray(SP, x, j3).fma(FloatVector.broadcast(SP, w[wb + 15]), acc);
            acc = FloatVector.fromArray(SP, x, j3 + 1).fma(FloatVector.broadcast(SP, w[wb + 16]), acc);
            acc = FloatVector.fromArray(SP, x, j3 + 2).fma(FloatVector.broadcast(SP, w[wb + 17]), acc);
            acc = FloatVector.fromArray(SP, x, j3 + 3).fma(FloatVector.broadcast(SP, w[wb + 18]), acc);
            acc = FloatVector.fromArray(SP, x, j3 + 4).fma(FloatVector.broadcast(SP, w[wb + 19]), acc);
            acc = FloatVector.fromArray(SP, x, j4).fma(FloatVector.broadcast(SP, w[wb + 20]), acc);
            acc = FloatVector.fromArray(SP, x, j4 + 1).fma(FloatVector.broadcast(SP, w[wb + 21]), acc);
            acc = FloatVector.fromArray(SP, x, j4 + 2).fma(FloatVector.broadcast(SP, w[wb + 22]), acc);
            acc = FloatVector.fromArray(SP, x, j4 + 3).fma(FloatVector.broadcast(SP, w[wb + 23]), acc);
            acc = FloatVector.fromArray(SP, x, j4 + 4).fma(FloatVector.broadcast(SP, w[wb + 24]), acc);
            acc.intoArray(y, j);
        }
    }
}

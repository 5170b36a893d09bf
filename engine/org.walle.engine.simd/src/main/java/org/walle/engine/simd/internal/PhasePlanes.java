package org.walle.engine.simd.internal;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.walle.engine.simd.Conv2dParams;
import org.walle.engine.simd.Parallel;

/**
 * The input layout that turns a convolution into a GEMM whose B matrix is never materialised (implicit GEMM).
 *
 * <p>The zero-bordered input of one group is split into {@code strideH x strideW} phase planes (plane {@code (ry,
 * rx)} holds bordered rows {@code ry, ry + sh, ...} and columns {@code rx, rx + sw, ...}; only the phases some kernel
 * tap reads are kept). Output pixel {@code (oy, ox)} becomes column {@code j = oy * wq + ox} and kernel tap
 * {@code (ic, ky, kx)} becomes row {@code p}; then {@code B[p][j] = buffer[offset(p) + j]}: every row of B is a
 * contiguous run of the buffer, so the GEMM micro-kernel loads B vectors straight from it. Columns with
 * {@code ox >= outWidth} (the last {@code wq - outWidth} of each row) are computed and thrown away.
 *
 * <p>Stride 1 with no padding needs no copy at all: the input itself is the buffer (pointwise convs, valid convs).
 */
public final class PhasePlanes {

    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;
    private static final int L = SP.length();
    /** Lane i takes lane {@code 2i mod L}: the even lanes, twice over. */
    private static final VectorShuffle<Float> EVENS = VectorShuffle.fromOp(SP, i -> 2 * i % L);
    private static final VectorMask<Float> HIGH_HALF = VectorMask.fromLong(SP, (1L << L) - (1L << (L / 2)));

    private final Conv2dParams p;
    /** Phase plane index per {@code ry * strideW + rx}, -1 where no tap reads that phase. */
    private final int[] phaseIndex;
    private final int phases;
    private final int hq;
    private final int wq;
    private final boolean direct;
    private final int[] offsets;
    private final int maxOffset;

    public PhasePlanes(Conv2dParams p) {
        this.p = p;
        int sh = p.strideH();
        int sw = p.strideW();
        phaseIndex = new int[sh * sw];
        Arrays.fill(phaseIndex, -1);
        int count = 0;
        for (int ky = 0; ky < p.kernelH(); ky++) {
            for (int kx = 0; kx < p.kernelW(); kx++) {
                int phase = (ky * p.dilationH() % sh) * sw + kx * p.dilationW() % sw;
                if (phaseIndex[phase] < 0) {
                    phaseIndex[phase] = count++;
                }
            }
        }
        phases = count;
        direct = sh == 1 && sw == 1 && p.padTop() == 0 && p.padLeft() == 0 && p.padBottom() == 0
                && p.padRight() == 0;
        hq = direct ? p.height() : p.outHeight() + (p.kernelH() - 1) * p.dilationH() / sh;
        wq = direct ? p.width() : p.outWidth() + (p.kernelW() - 1) * p.dilationW() / sw;
        int kk = p.kernelH() * p.kernelW();
        offsets = new int[p.inPerGroup() * kk];
        int max = 0;
        for (int ic = 0; ic < p.inPerGroup(); ic++) {
            for (int ky = 0; ky < p.kernelH(); ky++) {
                for (int kx = 0; kx < p.kernelW(); kx++) {
                    int phase = phaseIndex[(ky * p.dilationH() % sh) * sw + kx * p.dilationW() % sw];
                    int off = (ic * phases + phase) * hq * wq + ky * p.dilationH() / sh * wq
                            + kx * p.dilationW() / sw;
                    offsets[(ic * p.kernelH() + ky) * p.kernelW() + kx] = off;
                    max = Math.max(max, off);
                }
            }
        }
        maxOffset = max;
    }

    /** True when the input itself serves as the buffer (stride 1, no padding): {@link #fill} is not needed. */
    public boolean direct() {
        return direct;
    }

    /** Row length of the column space: {@code outWidth} plus the columns computed and discarded. */
    public int rowLength() {
        return wq;
    }

    /** Columns of B: {@code (outHeight - 1) * rowLength + outWidth}. */
    public int columns() {
        return (p.outHeight() - 1) * wq + p.outWidth();
    }

    /** Per row of B ({@code (ic * KH + ky) * KW + kx}), its start in the group's buffer. */
    public int[] offsets() {
        return offsets;
    }

    public int maxOffset() {
        return maxOffset;
    }

    public int phases() {
        return phases;
    }

    /** Floats of one group's buffer, with {@code slack} trailing floats kept zero so vector loads stay inside. */
    public int bufferSize(int slack) {
        return p.inPerGroup() * phases * hq * wq + slack;
    }

    /**
     * Writes the phase planes of input channels {@code [ic0, ic0 + C/g)} of image {@code n} into {@code buffer} and
     * zeroes the {@code slack} floats after them.
     */
    public void fill(float[] in, int n, int ic0, float[] buffer, int slack, int threads) {
        int cg = p.inPerGroup();
        int planeFloats = hq * wq;
        Parallel.forRange(threads, cg * phases, Math.max(1, 32768 / Math.max(1, planeFloats)), (t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                int ic = t / phases;
                int phase = t % phases;
                fillPlane(in, (n * p.inChannels() + ic0 + ic) * p.height() * p.width(), phaseOf(phase), buffer,
                        t * planeFloats);
            }
        });
        int end = cg * phases * planeFloats;
        Arrays.fill(buffer, end, end + slack, 0f);
    }

    /** The {@code ry * strideW + rx} of phase plane {@code index}. */
    private int phaseOf(int index) {
        for (int i = 0; i < phaseIndex.length; i++) {
            if (phaseIndex[i] == index) {
                return i;
            }
        }
        throw new IllegalStateException("no phase " + index);
    }

    private void fillPlane(float[] in, int inPlane, int phase, float[] buffer, int dst) {
        int sh = p.strideH();
        int sw = p.strideW();
        int ry = phase / sw;
        int rx = phase % sw;
        int w = p.width();
        // columns c of the plane read input column c * sw + rx - padLeft: the valid ones form one range
        int cFirst = Math.min(wq, Math.max(0, ceilDiv(p.padLeft() - rx, sw)));
        int cEnd = Math.max(cFirst, Math.min(wq, ceilDiv(w + p.padLeft() - rx, sw)));
        for (int r = 0; r < hq; r++) {
            int row = dst + r * wq;
            int y = r * sh + ry - p.padTop();
            if (y < 0 || y >= p.height()) {
                Arrays.fill(buffer, row, row + wq, 0f);
                continue;
            }
            int src = inPlane + y * w + rx - p.padLeft();
            Arrays.fill(buffer, row, row + cFirst, 0f);
            if (sw == 1) {
                System.arraycopy(in, src + cFirst, buffer, row + cFirst, cEnd - cFirst);
            } else if (sw == 2) {
                // every other column: two vectors of the row give one vector of the plane
                int c = cFirst;
                for (; c + L <= cEnd && src + 2 * (c + L) <= in.length; c += L) {
                    evens(in, src + 2 * c).intoArray(buffer, row + c);
                }
                for (; c < cEnd; c++) {
                    buffer[row + c] = in[src + 2 * c];
                }
            } else {
                for (int c = cFirst; c < cEnd; c++) {
                    buffer[row + c] = in[src + c * sw];
                }
            }
            Arrays.fill(buffer, row + cEnd, row + wq, 0f);
        }
    }

    /**
     * {@code a[from], a[from + 2], ..., a[from + 2L - 2]}: the even lanes of the first loaded vector in the low half,
     * of the second in the high half (the 224x224 stem's twelve phase planes: 0.17-0.18 ms filled with a
     * scalar loop, 0.09-0.11 ms so, one thread).
     */
    private static FloatVector evens(float[] a, int from) {
        FloatVector lo = FloatVector.fromArray(SP, a, from);
        FloatVector hi = FloatVector.fromArray(SP, a, from + L);
        return lo.rearrange(EVENS).blend(hi.rearrange(EVENS), HIGH_HALF);
    }

    private static int ceilDiv(int a, int b) {
        return a <= 0 ? -((-a) / b) : (a + b - 1) / b;
    }
}

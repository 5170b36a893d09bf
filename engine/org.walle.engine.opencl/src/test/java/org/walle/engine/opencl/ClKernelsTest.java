package org.walle.engine.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.walle.engine.simd.BinaryOp;
import org.walle.engine.simd.ReduceOp;
import org.walle.engine.simd.UnaryOp;

/**
 * Every OpenCL kernel against a scalar loop. Skipped (with the discovery reason) when no OpenCL platform exists;
 * CI installs PoCL so they run there. Tolerances: 1e-4 relative to the largest output for GEMM (float
 * accumulation in a different order), 4e-6 relative + 1e-6 absolute for elementwise (OpenCL's exp/log/tanh/pow
 * are allowed 3-16 ulp; PoCL is within 2), exact for copies (raster, im2col).
 */
class ClKernelsTest {

    private static ClContext cl;
    private static ClKernels kernels;
    private static Path cacheDir;

    @BeforeAll
    static void open() throws Exception {
        assumeTrue(OpenCl.isAvailable(), () -> "OpenCL tests skipped: " + OpenCl.unavailableReason());
        cacheDir = Files.createTempDirectory("walle-cl-cache");
        cl = ClContext.open(OpenCl.devices().get(0), cacheDir);
        kernels = new ClKernels(cl);
    }

    @AfterAll
    static void close() {
        if (kernels != null) {
            kernels.close();
            cl.close();
        }
    }

    private static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        return x;
    }

    @Test
    void discoveryDescribesTheDevice() {
        ClDevice d = cl.device();
        assertTrue(d.computeUnits() >= 1 && d.globalMemoryBytes() > 0 && !d.deviceName().isEmpty(), d.toString());
        assertTrue(d.version().startsWith("OpenCL"), d.version());
    }

    @Test
    void unaryEveryOpWithOddLength() {
        Random rnd = new Random(1);
        int n = 1037;
        for (UnaryOp op : UnaryOp.values()) {
            float[] x = random(rnd, n);
            for (int i = 0; i < n; i++) {
                x[i] *= 4;
                if (op == UnaryOp.SQRT || op == UnaryOp.RSQRT || op == UnaryOp.LOG) {
                    x[i] = Math.abs(x[i]) + 0.01f;
                }
                if (op == UnaryOp.RECIPROCAL && Math.abs(x[i]) < 0.1f) {
                    x[i] = 0.5f;
                }
            }
            try (ClBuffer bx = cl.upload(x); ClBuffer by = cl.buffer(n)) {
                kernels.unary(op, bx, by, n);
                float[] y = by.read();
                for (int i = 0; i < n; i++) {
                    float e = op.apply(x[i]);
                    assertEquals(e, y[i], 4e-6 * Math.abs(e) + 1e-6, op + " at x=" + x[i]);
                }
            }
        }
    }

    @Test
    void binaryBroadcastsTrailingVectorChannelAndScalar() {
        Random rnd = new Random(2);
        int[][] shapes = {{1, 999, 1}, {7, 13, 1}, {3, 5, 49}, {4, 1, 17}};
        for (BinaryOp op : BinaryOp.values()) {
            for (int[] s : shapes) {
                int n = s[0] * s[1] * s[2];
                float[] a = random(rnd, n);
                float[] b = random(rnd, s[1]);
                if (op == BinaryOp.POW) {
                    for (int i = 0; i < n; i++) {
                        a[i] = Math.abs(a[i]) + 0.1f;
                    }
                }
                boolean bFirst = op == BinaryOp.SUB || op == BinaryOp.DIV;
                try (ClBuffer ba = cl.upload(a); ClBuffer bb = cl.upload(b); ClBuffer out = cl.buffer(n)) {
                    kernels.binary(op, ba, bb, out, s[0], s[1], s[2], bFirst);
                    float[] y = out.read();
                    for (int i = 0; i < n; i++) {
                        float bv = b[(i / s[2]) % s[1]];
                        float e = bFirst ? op.apply(bv, a[i]) : op.apply(a[i], bv);
                        assertEquals(e, y[i], 4e-6 * Math.abs(e) + 1e-6, op + " at " + i);
                    }
                }
            }
        }
    }

    @Test
    void reduceContiguousRowsAndStridedAxis() {
        Random rnd = new Random(3);
        int[][] shapes = {{5, 1000, 1}, {3, 7, 1}, {4, 9, 13}, {1, 1, 1}};
        for (ReduceOp op : ReduceOp.values()) {
            for (int[] s : shapes) {
                float[] x = random(rnd, s[0] * s[1] * s[2]);
                if (op == ReduceOp.PROD) {
                    for (int i = 0; i < x.length; i++) {
                        x[i] = 1 + x[i] * 0.01f;
                    }
                }
                float[] expected = new float[s[0] * s[2]];
                org.walle.engine.simd.Reduce.run(op, x, expected, s[0], s[1], s[2], 1);
                try (ClBuffer bx = cl.upload(x); ClBuffer by = cl.buffer(expected.length)) {
                    kernels.reduce(op, bx, by, s[0], s[1], s[2]);
                    float[] y = by.read();
                    for (int i = 0; i < y.length; i++) {
                        assertEquals(expected[i], y[i], 1e-4 * Math.max(1, Math.abs(expected[i])), op + " " + i);
                    }
                }
            }
        }
    }

    @Test
    void softmaxMatchesCpu() {
        Random rnd = new Random(4);
        for (int[] s : new int[][] {{3, 100, 1}, {2, 6, 11}}) {
            float[] x = random(rnd, s[0] * s[1] * s[2]);
            x[0] = 80;
            float[] expected = new float[x.length];
            org.walle.engine.simd.Softmax.run(x, expected, s[0], s[1], s[2], 1);
            try (ClBuffer bx = cl.upload(x); ClBuffer by = cl.buffer(x.length)) {
                kernels.softmax(bx, by, s[0], s[1], s[2]);
                float[] y = by.read();
                for (int i = 0; i < y.length; i++) {
                    assertEquals(expected[i], y[i], 1e-6, "softmax " + i);
                }
            }
        }
    }

    @Test
    void tiledGemmOnOddSizes() {
        Random rnd = new Random(5);
        for (int[] s : new int[][] {{1, 1, 1}, {17, 33, 15}, {64, 64, 64}, {50, 7, 129}}) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            float[] a = random(rnd, m * k);
            float[] b = random(rnd, k * n);
            float[] expected = new float[m * n];
            double scale = 1;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int p = 0; p < k; p++) {
                        acc += (double) a[i * k + p] * b[p * n + j];
                    }
                    expected[i * n + j] = (float) acc;
                    scale = Math.max(scale, Math.abs(acc));
                }
            }
            try (ClBuffer ba = cl.upload(a); ClBuffer bb = cl.upload(b); ClBuffer bc = cl.buffer(m * n)) {
                kernels.gemm(ba, bb, bc, m, n, k);
                float[] c = bc.read();
                for (int i = 0; i < c.length; i++) {
                    assertEquals(expected[i], c[i], 1e-4 * scale, "gemm " + m + "x" + n + "x" + k + " at " + i);
                }
            }
        }
    }

    @Test
    void im2colWithPaddingStrideAndDilation() {
        Random rnd = new Random(6);
        int c = 3;
        int h = 9;
        int w = 11;
        int kh = 3;
        int kw = 2;
        int s = 2;
        int pad = 1;
        int d = 2;
        int oh = ClKernels.im2colOut(h, kh, s, pad, d);
        int ow = ClKernels.im2colOut(w, kw, s, pad, d);
        float[] in = random(rnd, 5 + c * h * w);
        try (ClBuffer bin = cl.upload(in); ClBuffer col = cl.buffer(c * kh * kw * oh * ow)) {
            kernels.im2col(bin, 5, col, c, h, w, kh, kw, s, s, pad, pad, d, d);
            float[] got = col.read();
            for (int r = 0; r < c * kh * kw; r++) {
                int ic = r / (kh * kw);
                int ky = (r / kw) % kh;
                int kx = r % kw;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        int iy = oy * s - pad + ky * d;
                        int ix = ox * s - pad + kx * d;
                        float e = iy >= 0 && iy < h && ix >= 0 && ix < w ? in[5 + (ic * h + iy) * w + ix] : 0f;
                        assertEquals(e, got[(r * oh + oy) * ow + ox], "col row " + r + " at " + oy + "," + ox);
                    }
                }
            }
        }
    }

    @Test
    void rasterTransposesAndSlices() {
        // transpose a 4x6 matrix (plus a 2-float prefix) into a 6x4 at dst offset 3
        float[] src = new float[2 + 24];
        for (int i = 0; i < src.length; i++) {
            src[i] = i;
        }
        Region t = new Region(2, new int[] {0, 1, 6}, 3, new int[] {0, 4, 1}, new int[] {1, 6, 4});
        try (ClBuffer bs = cl.upload(src); ClBuffer bd = cl.upload(new float[30])) {
            kernels.raster(bs, bd, t);
            float[] d = bd.read();
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 4; x++) {
                    assertEquals(src[2 + x * 6 + y], d[3 + y * 4 + x]);
                }
            }
            assertEquals(0f, d[0]);
            assertEquals(0f, d[27]);
        }
    }

    /** Hostile input: regions and shapes that would read or write outside the device buffers. */
    @Test
    void rejectsOutOfRangeRegionsAndShortBuffers() {
        try (ClBuffer small = cl.buffer(10); ClBuffer big = cl.buffer(100)) {
            var e = assertThrows(IllegalArgumentException.class, () -> kernels.raster(small, big,
                    new Region(0, new int[] {0, 0, 1}, 0, new int[] {0, 0, 1}, new int[] {1, 1, 11})));
            assertTrue(e.getMessage().contains("source region"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> kernels.raster(big, small,
                    new Region(0, new int[] {0, 0, 1}, 5, new int[] {0, 0, -1}, new int[] {1, 1, 7})));
            assertTrue(e.getMessage().contains("destination region reaches indices [-1"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> kernels.gemm(small, big, big, 4, 4, 4));
            assertTrue(e.getMessage().startsWith("A buffer holds 10"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> small.write(new float[11]));
            assertTrue(e.getMessage().contains("10-float OpenCL buffer"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> new Region(0, new int[2], 0, new int[3],
                    new int[3]));
            assertTrue(e.getMessage().contains("3 entries"), e.getMessage());
        }
    }

    @Test
    void programsComeFromMemoryThenDiskAndABadBinaryIsRebuilt() throws Exception {
        ProgramCache.Stats before = cl.programs().stats();
        try (ClKernels again = new ClKernels(cl)) {
            assertEquals(before.memoryHits() + 1, cl.programs().stats().memoryHits());
        }
        try (ClContext second = ClContext.open(cl.device(), cacheDir); ClKernels k2 = new ClKernels(second)) {
            assertEquals(new ProgramCache.Stats(0, 1, 0), second.programs().stats());
        }
        String key = cl.programs().key(ClKernels.source(), "-cl-mad-enable");
        Files.write(cacheDir.resolve(key + ".bin"), new byte[] {1, 2, 3});
        try (ClContext third = ClContext.open(cl.device(), cacheDir); ClKernels k3 = new ClKernels(third)) {
            assertEquals(new ProgramCache.Stats(0, 0, 1), third.programs().stats());
            try (ClBuffer x = third.upload(new float[] {-2, 3}); ClBuffer y = third.buffer(2)) {
                k3.unary(UnaryOp.RELU, x, y, 2);
                assertEquals(3f, y.read()[1]);
            }
        }
        assertTrue(Files.size(cacheDir.resolve(key + ".bin")) > 3, "rebuilt binary stored again");
    }
}

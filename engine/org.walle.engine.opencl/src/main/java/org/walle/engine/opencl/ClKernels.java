package org.walle.engine.opencl;

import static org.lwjgl.opencl.CL10.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.walle.engine.simd.BinaryOp;
import org.walle.engine.simd.ReduceOp;
import org.walle.engine.simd.UnaryOp;

/**
 * The OpenCL kernels of the atomic ops on {@link ClBuffer}s: elementwise unary/binary (with the same
 * {@code [outer, mid, inner]} broadcast as cpu-simd), reductions, softmax, a local-memory tiled GEMM, im2col and the
 * Raster region copy. Launches are asynchronous on the context's in-order queue; {@link ClBuffer#read} waits.
 */
public final class ClKernels implements AutoCloseable {

    /** GEMM tile edge: a TS x TS work-group stages TS x TS blocks of A and B in local memory. */
    public static final int TS = 16;
    static final int REDUCE_WG = 64;

    private final ClContext cl;
    private final long program;
    private final Map<String, Long> kernels = new ConcurrentHashMap<>();

    public ClKernels(ClContext cl) {
        this.cl = cl;
        this.program = cl.programs().program(source(), "-cl-mad-enable");
    }

    /** The kernel source with the op-code header the host generates from its enums. */
    public static String source() {
        StringBuilder header = new StringBuilder();
        for (UnaryOp op : UnaryOp.values()) {
            header.append("#define OP_").append(op.name()).append(' ').append(op.ordinal()).append('\n');
        }
        for (BinaryOp op : BinaryOp.values()) {
            header.append("#define OP_").append(op.name()).append(' ').append(op.ordinal()).append('\n');
        }
        for (ReduceOp op : ReduceOp.values()) {
            header.append("#define RED_").append(op.name()).append(' ').append(op.ordinal()).append('\n');
        }
        header.append("#define TS ").append(TS).append("\n#define REDUCE_WG ").append(REDUCE_WG).append('\n');
        try (InputStream in = ClKernels.class.getResourceAsStream("kernels/kernels.cl")) {
            if (in == null) {
                throw new IllegalStateException("kernels/kernels.cl missing from the bundle");
            }
            return header + new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long kernel(String name) {
        return kernels.computeIfAbsent(name, n -> {
            try (MemoryStack stack = MemoryStack.stackPush()) {
                java.nio.IntBuffer err = stack.mallocInt(1);
                long k = clCreateKernel(program, n, err);
                ClException.check(err.get(0), "clCreateKernel " + n);
                return k;
            }
        });
    }

    public void unary(UnaryOp op, ClBuffer x, ClBuffer y, int n) {
        need("x", x, n);
        need("y", y, n);
        long k = kernel("unary");
        synchronized (this) {
            args(k, x, y, op.ordinal(), n);
            launch1(k, n, 0);
        }
    }

    /** {@code out[o, m, i] = a[o, m, i] op b[m]} (swapped when {@code bFirst}). */
    public void binary(BinaryOp op, ClBuffer a, ClBuffer b, ClBuffer out, int outer, int mid, int inner,
            boolean bFirst) {
        int n = Math.multiplyExact(Math.multiplyExact(outer, mid), inner);
        need("a", a, n);
        need("b", b, mid);
        need("out", out, n);
        long k = kernel("binary");
        synchronized (this) {
            args(k, a, b, out, op.ordinal(), mid, inner, bFirst ? 1 : 0, n);
            launch1(k, n, 0);
        }
    }

    /** Reduces the middle axis of {@code [outer, axis, inner]} into {@code [outer, inner]}. */
    public void reduce(ReduceOp op, ClBuffer x, ClBuffer y, int outer, int axis, int inner) {
        if (axis < 1) {
            throw new IllegalArgumentException("reduce axis must be >= 1, got " + axis);
        }
        need("x", x, Math.multiplyExact(Math.multiplyExact(outer, axis), inner));
        need("y", y, outer * inner);
        synchronized (this) {
            if (inner == 1) {
                long k = kernel("reduce_rows");
                args(k, x, y, op.ordinal(), axis);
                launch1(k, outer * REDUCE_WG, REDUCE_WG);
            } else {
                long k = kernel("reduce_strided");
                args(k, x, y, op.ordinal(), axis, inner, outer * inner);
                launch1(k, outer * inner, 0);
            }
        }
    }

    public void softmax(ClBuffer x, ClBuffer y, int outer, int axis, int inner) {
        int n = Math.multiplyExact(Math.multiplyExact(outer, axis), inner);
        need("x", x, n);
        need("y", y, n);
        long k = kernel("softmax");
        synchronized (this) {
            args(k, x, y, axis, inner, outer * inner);
            launch1(k, outer * inner, 0);
        }
    }

    /** {@code C = A * B}, row-major {@code m x k} times {@code k x n}. */
    public void gemm(ClBuffer a, ClBuffer b, ClBuffer c, int m, int n, int k) {
        need("A", a, Math.multiplyExact(m, k));
        need("B", b, Math.multiplyExact(k, n));
        need("C", c, Math.multiplyExact(m, n));
        long kernel = kernel("gemm_tiled");
        synchronized (this) {
            args(kernel, a, b, c, m, n, k);
            try (MemoryStack stack = MemoryStack.stackPush()) {
                PointerBuffer global = stack.pointers(roundUp(n, TS), roundUp(m, TS));
                ClException.check(clEnqueueNDRangeKernel(cl.queue(), kernel, 2, null, global,
                        stack.pointers(TS, TS), null, null), "clEnqueueNDRangeKernel gemm_tiled");
            }
        }
    }

    /**
     * im2col of one NCHW image starting at float {@code inOffset} with {@code channels} channels into
     * {@code col[(c*KH + ky)*KW + kx][oy*OW + ox]}.
     */
    public void im2col(ClBuffer in, int inOffset, ClBuffer col, int channels, int height, int width, int kernelH,
            int kernelW, int strideH, int strideW, int padTop, int padLeft, int dilationH, int dilationW) {
        int oh = (height + 2 * padTop - dilationH * (kernelH - 1) - 1) / strideH + 1;
        int ow = (width + 2 * padLeft - dilationW * (kernelW - 1) - 1) / strideW + 1;
        if (oh < 1 || ow < 1 || channels < 1) {
            throw new IllegalArgumentException("im2col geometry gives an empty output: " + oh + "x" + ow);
        }
        int count = Math.multiplyExact(channels * kernelH * kernelW, oh * ow);
        need("in", in, inOffset + channels * height * width);
        need("col", col, count);
        long k = kernel("im2col");
        synchronized (this) {
            args(k, in, col, inOffset, height, width, kernelH, kernelW, strideH, strideW, padTop, padLeft, dilationH,
                    dilationW, oh, ow, count);
            launch1(k, count, 0);
        }
    }

    /** Output height/width of {@link #im2col} with symmetric pads. */
    public static int im2colOut(int size, int kernel, int stride, int pad, int dilation) {
        return (size + 2 * pad - dilation * (kernel - 1) - 1) / stride + 1;
    }

    /** Copies one Raster region from {@code src} to {@code dst}; both index ranges are checked first. */
    public void raster(ClBuffer src, ClBuffer dst, Region r) {
        if (r.elements() == 0) {
            return;
        }
        checkRegion("source", src, r.srcOffset(), r.srcStride(), r.size());
        checkRegion("destination", dst, r.dstOffset(), r.dstStride(), r.size());
        long k = kernel("raster");
        synchronized (this) {
            args(k, src, dst, r.srcOffset(), r.srcStride()[0], r.srcStride()[1], r.srcStride()[2], r.dstOffset(),
                    r.dstStride()[0], r.dstStride()[1], r.dstStride()[2], r.size()[0], r.size()[1], r.size()[2]);
            try (MemoryStack stack = MemoryStack.stackPush()) {
                PointerBuffer global = stack.pointers(r.size()[2], r.size()[1], r.size()[0]);
                ClException.check(clEnqueueNDRangeKernel(cl.queue(), k, 3, null, global, null, null, null),
                        "clEnqueueNDRangeKernel raster");
            }
        }
    }

    private static void checkRegion(String what, ClBuffer b, int offset, int[] stride, int[] size) {
        long min = Region.minIndex(offset, stride, size);
        long max = Region.maxIndex(offset, stride, size);
        if (min < 0 || max >= b.floats()) {
            throw new IllegalArgumentException("raster " + what + " region reaches indices [" + min + ", " + max
                    + "] outside the " + b.floats() + "-float buffer");
        }
    }

    private static void need(String name, ClBuffer b, long floats) {
        if (b == null) {
            throw new IllegalArgumentException(name + " buffer is null");
        }
        if (b.floats() < floats) {
            throw new IllegalArgumentException(name + " buffer holds " + b.floats() + " floats, needs " + floats);
        }
    }

    private static void args(long kernel, Object... values) {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            int err;
            if (v instanceof ClBuffer b) {
                err = clSetKernelArg1p(kernel, i, b.handle());
            } else if (v instanceof Integer n) {
                err = clSetKernelArg1i(kernel, i, n);
            } else {
                err = clSetKernelArg1f(kernel, i, (Float) v);
            }
            ClException.check(err, "clSetKernelArg " + i);
        }
    }

    private void launch1(long kernel, int n, int local) {
        if (n == 0) {
            return;
        }
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer global = stack.pointers(local > 0 ? roundUp(n, local) : n);
            ClException.check(clEnqueueNDRangeKernel(cl.queue(), kernel, 1, null, global,
                    local > 0 ? stack.pointers(local) : null, null, null), "clEnqueueNDRangeKernel");
        }
    }

    private static long roundUp(long n, long multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    @Override
    public void close() {
        kernels.values().forEach(k -> clReleaseKernel(k));
        kernels.clear();
    }
}

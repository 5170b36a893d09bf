package org.walle.engine.opencl.backend;

import static org.lwjgl.opencl.CL10.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.lwjgl.PointerBuffer;
import org.lwjgl.system.MemoryStack;
import org.walle.engine.decompose.Params;
import org.walle.engine.opencl.ClBuffer;
import org.walle.engine.opencl.ClContext;
import org.walle.engine.opencl.ClException;

/**
 * The backend's program (backend.cl), built once per context through the context's {@code ProgramCache} (memory
 * and disk), and a launcher that sets arguments and enqueues under one lock, because an OpenCL kernel object holds
 * its arguments until the launch.
 */
final class DeviceKernels implements AutoCloseable {

    /** GEMM tile edge: a TS x TS work-group stages TS x TS blocks of both operands in local memory. */
    static final int TS = 16;
    /** Work-group size of the row reduction. */
    static final int RWG = 64;
    /**
     * No -cl-mad-enable or fast-math: the results must match the reference backend within stated tolerances on
     * every driver, and unfused multiply-adds may be computed with less precision.
     */
    static final String OPTIONS = "";

    private final LazyContext lazy;
    private long program;
    private final Map<String, Long> kernels = new HashMap<>();
    private final Map<String, Long> limits = new HashMap<>();
    /** Work-group limits known from the cached calibration, answered before the context is open. */
    private final Map<String, Long> assumedLimits = new HashMap<>();

    /** The program is built (or loaded from the cache) when the first kernel is needed. */
    DeviceKernels(LazyContext lazy) {
        this.lazy = lazy;
    }

    ClContext context() {
        return lazy.get();
    }

    /** Lets {@link #workGroupLimit} answer without opening the context (from the cached calibration). */
    synchronized void assumeWorkGroupLimit(String kernel, long limit) {
        assumedLimits.put(kernel, limit);
    }

    private synchronized long program() {
        if (program == 0) {
            program = context().programs().program(source(), OPTIONS);
        }
        return program;
    }

    /** backend.cl with the op codes the host derives from the Params enums and one kernel per element function. */
    static String source() {
        StringBuilder header = new StringBuilder();
        for (Params.UnaryKind k : Params.UnaryKind.values()) {
            header.append("#define U_").append(k.name()).append(' ').append(k.ordinal()).append('\n');
        }
        for (Params.BinaryKind k : Params.BinaryKind.values()) {
            header.append("#define B_").append(k.name()).append(' ').append(k.ordinal()).append('\n');
        }
        for (Params.ReduceKind k : Params.ReduceKind.values()) {
            header.append("#define R_").append(k.name()).append(' ').append(k.ordinal()).append('\n');
        }
        header.append("#define TS ").append(TS).append("\n#define RWG ").append(RWG).append('\n');
        try (InputStream in = DeviceKernels.class.getResourceAsStream("backend.cl")) {
            if (in == null) {
                throw new IllegalStateException("org/walle/engine/opencl/backend/backend.cl missing from the bundle");
            }
            StringBuilder kernels = new StringBuilder("\n");
            for (Params.UnaryKind k : ElementwiseLowering.UNARY) {
                kernels.append("UNARY_KERNEL(").append(k.name()).append(")\n");
            }
            for (Params.BinaryKind k : ElementwiseLowering.BINARY) {
                kernels.append("BINARY_KERNEL(").append(k.name()).append(")\n");
            }
            for (Params.ReduceKind k : NormLowering.REDUCE) {
                kernels.append("REDUCE_KERNELS(").append(k.name()).append(")\n");
            }
            for (Params.BinaryKind k : ElementwiseLowering.COMPARE) {
                kernels.append("COMPARE_KERNEL(").append(k.name()).append(")\n");
            }
            for (Params.BinaryKind k : ElementwiseLowering.LOGIC) {
                kernels.append("LOGIC_KERNEL(").append(k.name()).append(")\n");
            }
            return header + new String(in.readAllBytes(), StandardCharsets.UTF_8) + kernels;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sets {@code args} (an {@link Arg} is two arguments, buffer and offset; a {@link ClBuffer} one; Integer,
     * Long, Float, Boolean as int) and enqueues {@code kernel} over {@code global} items in work-groups of
     * {@code local} (null: {@link #defaultLocal}). Global sizes are rounded up to the work-group (every kernel checks
     * its range); a zero size launches nothing.
     */
    synchronized void launch(String kernel, long[] global, long[] local, Object... args) {
        for (long g : global) {
            if (g == 0) {
                return;
            }
        }
        long k = kernel(kernel);
        if (local == null) {
            local = defaultLocal(kernel, global.length);
        }
        int index = 0;
        for (Object v : args) {
            if (v instanceof Arg a) {
                check(clSetKernelArg1p(k, index++, a.buffer().handle()), kernel, index);
                check(clSetKernelArg1i(k, index++, a.offset()), kernel, index);
            } else if (v instanceof ClBuffer b) {
                check(clSetKernelArg1p(k, index++, b.handle()), kernel, index);
            } else if (v instanceof Long n) {
                check(clSetKernelArg1l(k, index++, n), kernel, index);
            } else if (v instanceof Integer n) {
                check(clSetKernelArg1i(k, index++, n), kernel, index);
            } else if (v instanceof Boolean b) {
                check(clSetKernelArg1i(k, index++, b ? 1 : 0), kernel, index);
            } else if (v instanceof Float f) {
                check(clSetKernelArg1f(k, index++, f), kernel, index);
            } else {
                throw new IllegalArgumentException("kernel " + kernel + " argument " + index + " has type "
                        + (v == null ? "null" : v.getClass().getSimpleName()));
            }
        }
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer g = stack.mallocPointer(global.length);
            PointerBuffer l = local == null ? null : stack.mallocPointer(local.length);
            for (int d = 0; d < global.length; d++) {
                long size = global[d];
                if (local != null) {
                    size = (size + local[d] - 1) / local[d] * local[d];
                    l.put(d, local[d]);
                }
                g.put(d, size);
            }
            ClException.check(clEnqueueNDRangeKernel(context().queue(), k, global.length, null, g, l, null, null),
                    "clEnqueueNDRangeKernel " + kernel);
        }
    }

    /**
     * The largest work-group {@code kernel} may be launched with on this device: the device limit, lowered by the
     * kernel's own (register and local-memory use can make it smaller on GPUs).
     */
    synchronized long workGroupLimit(String kernel) {
        Long assumed = assumedLimits.get(kernel);
        if (assumed != null && !lazy.isOpen()) {
            return assumed;
        }
        return limits.computeIfAbsent(kernel, name -> {
            ClContext cl = context();
            try (MemoryStack stack = MemoryStack.stackPush()) {
                PointerBuffer size = stack.mallocPointer(1);
                ClException.check(clGetKernelWorkGroupInfo(kernel(name), cl.device().deviceId(),
                        CL_KERNEL_WORK_GROUP_SIZE, size, null), "clGetKernelWorkGroupInfo " + name);
                return Math.min(size.get(0), cl.device().maxWorkGroupSize());
            }
        });
    }

    /**
     * A fixed work-group shape per dimension count (64 items), or null (driver's choice) when the kernel cannot take
     * 64. Fixed shapes matter on CPU devices: PoCL compiles a kernel once per work-group size, and letting it pick
     * divisors of every new global size meant a compile (0.1-1 s) for most new tensor shapes.
     */
    private long[] defaultLocal(String kernel, int dims) {
        if (workGroupLimit(kernel) < 64) {
            return null;
        }
        return switch (dims) {
            case 1 -> new long[] {64};
            case 2 -> new long[] {16, 4};
            default -> new long[] {16, 4, 1};
        };
    }

    /** Blocks until every launch and copy queued so far has finished. */
    void finish() {
        context().finish();
    }

    private synchronized long kernel(String name) {
        return kernels.computeIfAbsent(name, n -> {
            try (MemoryStack stack = MemoryStack.stackPush()) {
                java.nio.IntBuffer err = stack.mallocInt(1);
                long k = clCreateKernel(program(), n, err);
                ClException.check(err.get(0), "clCreateKernel " + n);
                return k;
            }
        });
    }

    private static void check(int err, String kernel, int argPlusOne) {
        ClException.check(err, "clSetKernelArg " + kernel + " #" + (argPlusOne - 1));
    }

    @Override
    public synchronized void close() {
        kernels.values().forEach(k -> clReleaseKernel(k));
        kernels.clear();
    }
}

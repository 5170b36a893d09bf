package org.walle.engine.opencl.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.walle.engine.backend.Algorithm;
import org.walle.engine.backend.Backend;
import org.walle.engine.backend.CommandCost;
import org.walle.engine.backend.Creation;
import org.walle.engine.backend.Execution;
import org.walle.engine.backend.calibration.CalibrationCache;
import org.walle.engine.backend.calibration.Calibrated;
import org.walle.engine.backend.ref.Data;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.opencl.ClContext;
import org.walle.engine.opencl.ClDevice;
import org.walle.engine.opencl.OpenCl;
import org.walle.engine.opencl.ProgramCache;

/**
 * The "opencl" backend: one context and in-order queue on the best device (a GPU before a CPU), its program built
 * once (and cached on disk by {@link ProgramCache}), a device buffer per storage owner, and executions that wait for
 * the queue before returning so profiled times are true. Commands it has no kernel for are declared unsupported with
 * the reason; the runtime runs them on the CPU and copies around them.
 *
 * <p>Speeds come from the machine's calibration cache. With a cached entry, {@link #deferred} prices commands without
 * touching OpenCL at all: the context is opened (and the entry checked with one short probe) only when an execution
 * is made, i.e. when the search puts a command on the device, measuring mode times one, or the backend is pinned.
 */
public final class OpenClBackend implements Backend {
    public static final String NAME = "opencl";

    private final LazyContext cl;
    private final DeviceKernels kernels;
    private final DeviceMemory memory;
    private volatile DeviceSpeed speed;
    private boolean closed;

    /** Opens {@code device} now; builds (or loads) the program and checks or measures the calibration. */
    public OpenClBackend(ClDevice device) {
        this(() -> device, null);
        try {
            cl.get();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private OpenClBackend(Supplier<ClDevice> device, Calibrated cached) {
        this.cl = new LazyContext(device);
        this.kernels = new DeviceKernels(cl);
        this.memory = new DeviceMemory(cl);
        if (cached != null) {
            this.speed = DeviceSpeed.of(cached.figures());
            kernels.assumeWorkGroupLimit("gemm", Math.round(cached.figure(DeviceCalibrator.TILED_LIMIT)));
        }
        cl.onOpen(this::opened);
    }

    /** The backend on the best device found: the GPU with the most compute units, else the first device. */
    public static OpenClBackend openBest() {
        return new OpenClBackend(bestDevice());
    }

    /**
     * The backend on the best device, opened only when first needed when this machine has a cached calibration;
     * without one it opens now and calibrates (once per machine).
     */
    public static OpenClBackend deferred() {
        Optional<Calibrated> cached = cachedCalibration();
        return cached.isPresent() ? new OpenClBackend(OpenClBackend::bestDevice, cached.get()) : openBest();
    }

    /**
     * Checks this machine's OpenCL calibration in {@code cache} on the best device (measuring when it has none or the
     * probe finds it stale), or with {@code force} measures it again, replacing the entry. Opens a context.
     */
    public static Calibrated calibrate(CalibrationCache cache, boolean force) {
        try (OpenClBackend b = new OpenClBackend(OpenClBackend::bestDevice, null)) {
            b.cl.onOpen(context -> {
            });
            DeviceCalibrator calibrator = new DeviceCalibrator(b.kernels);
            return force ? cache.recalibrate(calibrator, false, "forced") : cache.obtain(calibrator);
        }
    }

    /** This machine's cached OpenCL calibration, read without any OpenCL call. */
    static Optional<Calibrated> cachedCalibration() {
        return CalibrationCache.standard().cached(new DeviceCalibrator(null));
    }

    private static ClDevice bestDevice() {
        if (!OpenCl.isAvailable()) {
            throw new IllegalStateException("no OpenCL device: " + OpenCl.unavailableReason());
        }
        return best(OpenCl.devices());
    }

    static ClDevice best(List<ClDevice> devices) {
        ClDevice best = devices.get(0);
        for (ClDevice d : devices) {
            boolean gpu = d.type().equals("GPU");
            boolean bestGpu = best.type().equals("GPU");
            if (gpu && (!bestGpu || d.computeUnits() > best.computeUnits())) {
                best = d;
            }
        }
        return best;
    }

    /** The context just opened: check the cached calibration with the probe, or measure it (best of 3 passes). */
    private void opened(ClContext context) {
        this.speed = DeviceSpeed.of(CalibrationCache.standard().obtain(new DeviceCalibrator(kernels)).figures());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean hostMemory() {
        return false;
    }

    /** The device, opening the context if it was not yet. */
    public ClDevice device() {
        return cl.get().device();
    }

    /** Whether the context has been opened (a deferred backend the search did not use never opens it). */
    public boolean isOpen() {
        return cl.isOpen();
    }

    /** The calibrated speeds the cost formulas use. */
    public DeviceSpeed speed() {
        return speed;
    }

    /** Device buffers currently held, and their bytes (for reports and tests of release). */
    public int bufferCount() {
        return memory.count();
    }

    public long bufferBytes() {
        return memory.bytes();
    }

    @Override
    public Creation onCreate(Command command) {
        if (closed) {
            return Creation.unsupported("the OpenCL backend is closed");
        }
        List<Lowered> ways;
        try {
            ways = Lowering.lower(command, kernels, memory);
        } catch (NotOnDevice e) {
            return Creation.unsupported(e.getMessage());
        } catch (RuntimeException e) {
            return Creation.unsupported("OpenCL cannot take " + command.op() + ": " + e.getMessage());
        }
        double flops = CommandCost.flops(command);
        long bytes = CommandCost.bytes(command);
        List<Algorithm> algorithms = new ArrayList<>();
        DeviceSpeed s = speed;
        for (Lowered way : ways) {
            double seconds = s.estimate(way.rate(), flops, bytes, way.launches());
            algorithms.add(new Algorithm(way.algorithm(), flops, seconds, () -> execution(command, way)));
        }
        return new Creation.Supported(algorithms);
    }

    /** Acquires the command's buffers now (resize time, opening the context) and returns the execution. */
    private Execution execution(Command c, Lowered lowered) {
        c.inputs().forEach(memory::of);
        c.outputs().forEach(memory::of);
        return (hostIn, hostOut) -> {
            Arg[] in = new Arg[c.inputs().size()];
            Arg[] out = new Arg[c.outputs().size()];
            for (int i = 0; i < in.length; i++) {
                in[i] = memory.arg(c.inputs().get(i));
            }
            for (int i = 0; i < out.length; i++) {
                out[i] = memory.arg(c.outputs().get(i));
            }
            lowered.op().enqueue(in, out);
            kernels.finish();
        };
    }

    @Override
    public double overheadSeconds() {
        return speed.launchSeconds();
    }

    @Override
    public double copySeconds(long bytes) {
        return bytes / speed.copyBytesPerSecond();
    }

    /** Buffers of a plan the search gave nothing on this device need no context: it stays closed. */
    @Override
    public void onResize(List<PlanTensor> tensors) {
        if (cl.isOpen()) {
            memory.keepOnly(tensors);
        }
    }

    @Override
    public void onCopyIn(PlanTensor tensor, Data host) {
        memory.copyIn(tensor.storageOwner(), host);
    }

    @Override
    public void onCopyOut(PlanTensor tensor, Data host) {
        memory.copyOut(tensor.storageOwner(), host);
    }

    /** Releases the buffers, kernels, program and context; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        memory.close();
        kernels.close();
        cl.close();
    }
}

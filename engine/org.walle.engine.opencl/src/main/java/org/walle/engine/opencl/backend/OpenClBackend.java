package org.walle.engine.opencl.backend;

import java.util.ArrayList;
import java.util.List;
import org.walle.engine.backend.Algorithm;
import org.walle.engine.backend.Backend;
import org.walle.engine.backend.CommandCost;
import org.walle.engine.backend.Creation;
import org.walle.engine.backend.Execution;
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
 */
public final class OpenClBackend implements Backend {
    public static final String NAME = "opencl";

    private final ClContext cl;
    private final DeviceKernels kernels;
    private final DeviceMemory memory;
    private final DeviceSpeed speed;
    private boolean closed;

    /** Opens {@code device}; builds (or loads) the program and calibrates on first use of the device. */
    public OpenClBackend(ClDevice device) {
        ClContext context = ClContext.open(device, ProgramCache.defaultDir());
        DeviceKernels built = null;
        try {
            built = new DeviceKernels(context);
            this.speed = Calibration.of(built);
        } catch (RuntimeException e) {
            if (built != null) {
                built.close();
            }
            context.close();
            throw e;
        }
        this.kernels = built;
        this.cl = context;
        this.memory = new DeviceMemory(context);
    }

    /** The backend on the best device found: the GPU with the most compute units, else the first device. */
    public static OpenClBackend openBest() {
        if (!OpenCl.isAvailable()) {
            throw new IllegalStateException("no OpenCL device: " + OpenCl.unavailableReason());
        }
        return new OpenClBackend(best(OpenCl.devices()));
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

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean hostMemory() {
        return false;
    }

    public ClDevice device() {
        return cl.device();
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
        for (Lowered way : ways) {
            double seconds = speed.estimate(way.rate(), flops, bytes, way.launches());
            algorithms.add(new Algorithm(way.algorithm(), flops, seconds, () -> execution(command, way)));
        }
        return new Creation.Supported(algorithms);
    }

    /** Acquires the command's buffers now (resize time) and returns the synchronous execution. */
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

    @Override
    public void onResize(List<PlanTensor> tensors) {
        memory.keepOnly(tensors);
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

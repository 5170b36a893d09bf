package org.walle.engine.opencl;

import static org.lwjgl.opencl.CL10.*;

import java.nio.file.Path;

/** A context and an in-order command queue on one device, its program cache, and the buffers made from it. */
public final class ClContext implements AutoCloseable {

    private final ClDevice device;
    private long context;
    private long queue;
    private final ProgramCache programs;

    private ClContext(ClDevice device, Path cacheDir) {
        this.device = device;
        try (org.lwjgl.system.MemoryStack stack = org.lwjgl.system.MemoryStack.stackPush()) {
            java.nio.IntBuffer status = stack.mallocInt(1);
            this.context = clCreateContext(stack.pointers(CL_CONTEXT_PLATFORM, device.platformId(), 0),
                    device.deviceId(), null, 0, status);
            ClException.check(status.get(0), "clCreateContext on " + device.deviceName());
            this.queue = clCreateCommandQueue(context, device.deviceId(), 0, status);
            if (status.get(0) != CL_SUCCESS) {
                clReleaseContext(context);
                throw new ClException("clCreateCommandQueue on " + device.deviceName(), status.get(0));
            }
        }
        this.programs = new ProgramCache(context, device, cacheDir);
    }

    /** Opens {@code device}; compiled programs are cached under {@code cacheDir} (null: memory only). */
    public static ClContext open(ClDevice device, Path cacheDir) {
        return new ClContext(device, cacheDir);
    }

    /** The first GPU if there is one, else the first device, with the default on-disk cache. */
    public static ClContext openDefault() {
        if (!OpenCl.isAvailable()) {
            throw new IllegalStateException("no OpenCL device: " + OpenCl.unavailableReason());
        }
        ClDevice chosen = OpenCl.devices().stream().filter(d -> d.type().equals("GPU")).findFirst()
                .orElse(OpenCl.devices().get(0));
        return open(chosen, ProgramCache.defaultDir());
    }

    public ClDevice device() {
        return device;
    }

    public ProgramCache programs() {
        return programs;
    }

    /** The cl_context handle. */
    public long handle() {
        if (context == 0) {
            throw new IllegalStateException("OpenCL context already closed");
        }
        return context;
    }

    /** The in-order command queue all launches and copies of this context go to. */
    public long queue() {
        return queue;
    }

    public ClBuffer buffer(int floats) {
        return new ClBuffer(this, floats);
    }

    public ClBuffer upload(float[] data) {
        return new ClBuffer(this, Math.max(1, data.length)).write(data);
    }

    /** Blocks until every queued command has finished. */
    public void finish() {
        ClException.check(clFinish(queue), "clFinish");
    }

    @Override
    public void close() {
        if (context != 0) {
            programs.close();
            clReleaseCommandQueue(queue);
            clReleaseContext(context);
            context = 0;
            queue = 0;
        }
    }
}

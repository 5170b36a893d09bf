package org.walle.engine.opencl;

import static org.lwjgl.opencl.CL10.*;

import java.nio.FloatBuffer;
import org.lwjgl.system.MemoryUtil;

/** A device buffer of {@code floats} float32 values; closing releases the device memory. */
public final class ClBuffer implements AutoCloseable {

    private final ClContext context;
    private final int floats;
    private long mem;

    ClBuffer(ClContext context, int floats) {
        if (floats < 1) {
            throw new IllegalArgumentException("OpenCL buffer size must be >= 1 float, got " + floats);
        }
        this.context = context;
        this.floats = floats;
        try (org.lwjgl.system.MemoryStack stack = org.lwjgl.system.MemoryStack.stackPush()) {
            java.nio.IntBuffer err = stack.mallocInt(1);
            this.mem = clCreateBuffer(context.handle(), CL_MEM_READ_WRITE, 4L * floats, err);
            ClException.check(err.get(0), "clCreateBuffer(" + floats + " floats)");
        }
    }

    public int floats() {
        return floats;
    }

    /** The cl_mem handle, for kernels of other packages (the backend). */
    public long handle() {
        if (mem == 0) {
            throw new IllegalStateException("OpenCL buffer already released");
        }
        return mem;
    }

    /** Copies {@code data[0, n)} to the start of the buffer (blocking). */
    public ClBuffer write(float[] data, int n) {
        checkRange("write", data, n);
        FloatBuffer staging = MemoryUtil.memAllocFloat(n);
        try {
            staging.put(data, 0, n).flip();
            ClException.check(clEnqueueWriteBuffer(context.queue(), handle(), true, 0, staging, null, null),
                    "clEnqueueWriteBuffer");
        } finally {
            MemoryUtil.memFree(staging);
        }
        return this;
    }

    public ClBuffer write(float[] data) {
        return write(data, data.length);
    }

    /** Copies the first {@code n} floats of the buffer into {@code data} (blocking; waits for queued kernels). */
    public float[] read(float[] data, int n) {
        checkRange("read", data, n);
        FloatBuffer staging = MemoryUtil.memAllocFloat(n);
        try {
            ClException.check(clEnqueueReadBuffer(context.queue(), handle(), true, 0, staging, null, null),
                    "clEnqueueReadBuffer");
            staging.get(data, 0, n);
        } finally {
            MemoryUtil.memFree(staging);
        }
        return data;
    }

    public float[] read() {
        return read(new float[floats], floats);
    }

    /**
     * Copies {@code src}'s remaining bytes to the start of the buffer (blocking); the buffer holds {@code 4 * floats}
     * bytes, so tensors of other element types (int64, bool, float16) can live in it too. {@code src} must be direct.
     */
    public void writeBytes(java.nio.ByteBuffer src) {
        checkBytes("write", src);
        ClException.check(clEnqueueWriteBuffer(context.queue(), handle(), true, 0, src, null, null),
                "clEnqueueWriteBuffer");
    }

    /** Fills {@code dst}'s remaining bytes from the start of the buffer (blocking); {@code dst} must be direct. */
    public void readBytes(java.nio.ByteBuffer dst) {
        checkBytes("read", dst);
        ClException.check(clEnqueueReadBuffer(context.queue(), handle(), true, 0, dst, null, null),
                "clEnqueueReadBuffer");
    }

    private void checkBytes(String what, java.nio.ByteBuffer b) {
        if (b == null || !b.isDirect() || b.remaining() > 4L * floats) {
            throw new IllegalArgumentException("cannot " + what + " " + (b == null ? "null" : b.remaining()
                    + (b.isDirect() ? "" : " heap")) + " bytes to/from a " + 4L * floats + "-byte OpenCL buffer");
        }
    }

    private void checkRange(String what, float[] data, int n) {
        if (data == null || n < 0 || n > data.length || n > floats) {
            throw new IllegalArgumentException("cannot " + what + " " + n + " floats between a "
                    + (data == null ? "null" : data.length + "-float") + " array and a " + floats
                    + "-float OpenCL buffer");
        }
    }

    @Override
    public void close() {
        if (mem != 0) {
            clReleaseMemObject(mem);
            mem = 0;
        }
    }
}

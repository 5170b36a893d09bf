package org.walle.engine.simd.internal;

/**
 * A per-thread reusable float buffer. Kernels that need temporary arrays at every run (packed GEMM panels, padded
 * planes) take one here instead of allocating: at model sizes the allocations were tens of MB per inference, which
 * cost the zeroing bandwidth and frequent GC pauses. {@link #take} hands out the thread's buffer and marks it in
 * use; a nested take on the same thread (a kernel calling a kernel) gets a fresh array, so no two users ever share.
 * Contents are NOT zeroed: callers overwrite what they read.
 */
public final class Scratch {

    /** Buffers above this size are not kept, so one huge layer does not pin memory for the thread's lifetime. */
    private static final int KEEP_MAX = 16 << 20;

    private final ThreadLocal<float[][]> slot = ThreadLocal.withInitial(() -> new float[1][]);

    /** A buffer of at least {@code n} floats (possibly longer, with stale contents). */
    public float[] take(int n) {
        float[][] holder = slot.get();
        float[] buffer = holder[0];
        holder[0] = null;
        if (buffer == null || buffer.length < n) {
            buffer = new float[n];
        }
        return buffer;
    }

    /** Returns a buffer obtained from {@link #take} on this thread. */
    public void give(float[] buffer) {
        if (buffer.length <= KEEP_MAX) {
            float[][] holder = slot.get();
            if (holder[0] == null || holder[0].length < buffer.length) {
                holder[0] = buffer;
            }
        }
    }
}

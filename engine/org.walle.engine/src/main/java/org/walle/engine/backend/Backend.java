package org.walle.engine.backend;

import java.util.List;

import org.walle.engine.backend.ref.Data;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.PlanTensor;

/**
 * One compute backend of a session. The runtime asks it, at resize time, whether and how it can run each atomic
 * {@link Command} ({@link #onCreate}); it never throws for an op it lacks but answers {@link Creation.Unsupported}.
 * Backends with their own memory (a GPU) receive copies through {@link #onCopyIn} and {@link #onCopyOut}.
 */
public interface Backend extends AutoCloseable {
    String name();

    /**
     * True when the backend computes in the host arrays the runtime hands it (the CPU backends share storage and
     * need no copies); false when it keeps tensors in its own buffers.
     */
    boolean hostMemory();

    /** The algorithms this backend could run the command with, each with its estimated cost, or why it cannot. */
    Creation onCreate(Command command);

    /** Fixed cost of scheduling one command (kernel launch, thread wake-up), in seconds. */
    double overheadSeconds();

    /** Seconds to move {@code bytes} between host memory and this backend (0 for host-memory backends). */
    double copySeconds(long bytes);

    /**
     * A new plan is about to run: acquire buffers for the tensors the commands it was chosen for touch, release those
     * of the previous plan. Host-memory backends ignore it.
     */
    default void onResize(List<PlanTensor> tensors) {
    }

    /** Host to backend: the tensor's current elements. Only called on backends without host memory. */
    default void onCopyIn(PlanTensor tensor, Data host) {
        throw new UnsupportedOperationException(name() + " computes in host memory");
    }

    /** Backend to host. Only called on backends without host memory. */
    default void onCopyOut(PlanTensor tensor, Data host) {
        throw new UnsupportedOperationException(name() + " computes in host memory");
    }

    /** Releases every buffer and device handle. */
    @Override
    default void close() {
    }
}

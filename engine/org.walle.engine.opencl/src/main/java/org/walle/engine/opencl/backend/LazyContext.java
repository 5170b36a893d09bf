package org.walle.engine.opencl.backend;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.walle.engine.opencl.ClContext;
import org.walle.engine.opencl.ClDevice;
import org.walle.engine.opencl.ProgramCache;

/**
 * The backend's OpenCL context, opened on first use: finding the platform and opening a context costs hundreds of
 * milliseconds on PoCL, and a session whose search (priced from the cached calibration) puts nothing on the device
 * never needs it. {@link #get} opens it, then runs the on-open hook (the calibration check) once.
 */
final class LazyContext implements AutoCloseable {
    private final Supplier<ClDevice> device;
    private Consumer<ClContext> onOpen = c -> {
    };
    private ClContext context;
    private boolean closed;

    LazyContext(Supplier<ClDevice> device) {
        this.device = device;
    }

    synchronized void onOpen(Consumer<ClContext> hook) {
        this.onOpen = hook;
    }

    /** The context, opened now if it was not; throws when the device cannot be opened or the backend is closed. */
    synchronized ClContext get() {
        if (closed) {
            throw new IllegalStateException("the OpenCL backend is closed");
        }
        if (context == null) {
            ClContext opened = ClContext.open(device.get(), ProgramCache.defaultDir());
            context = opened;
            try {
                onOpen.accept(opened);
            } catch (RuntimeException e) {
                context = null;
                opened.close();
                throw e;
            }
        }
        return context;
    }

    synchronized boolean isOpen() {
        return context != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (context != null) {
            context.close();
            context = null;
        }
    }
}

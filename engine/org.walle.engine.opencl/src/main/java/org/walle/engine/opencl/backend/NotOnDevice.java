package org.walle.engine.opencl.backend;

/**
 * Thrown while lowering a command this backend has no kernel for; {@link OpenClBackend#onCreate} turns it into
 * {@code Creation.unsupported(message)}, so it never reaches the runtime.
 */
final class NotOnDevice extends Exception {

    private static final long serialVersionUID = 1L;

    NotOnDevice(String reason) {
        super(reason, null, false, false);
    }
}

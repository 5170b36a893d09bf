package org.walle.engine.opencl;

/** An OpenCL call failed; the message names the call and the CL error code (and the build log for programs). */
public class ClException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;

    public ClException(String message, int code) {
        super(message + " (CL error " + code + ")");
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Throws when {@code code} is not CL_SUCCESS, naming the failed call. */
    public static void check(int code, String what) {
        if (code != 0) {
            throw new ClException(what + " failed", code);
        }
    }
}

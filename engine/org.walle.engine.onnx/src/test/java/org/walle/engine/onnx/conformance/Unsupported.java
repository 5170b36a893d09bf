package org.walle.engine.onnx.conformance;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.walle.engine.ops.UnsupportedOpException;

/** Recognises the engine's "unsupported op X (opset N)" error. */
final class Unsupported {
    private static final Pattern OP = Pattern.compile("unsupported op '?([\\w.:]+)'?");

    private Unsupported() {
    }

    /** The op named in an "unsupported op X" message, or the whole message. */
    static String opName(String message) {
        Matcher m = OP.matcher(message);
        return m.find() ? m.group(1) : message;
    }

    /** Only the engine's own exception counts: any other error, whatever its message, is a failure. */
    static boolean isUnsupportedOp(Throwable e) {
        return e instanceof UnsupportedOpException;
    }
}

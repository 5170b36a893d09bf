package org.walle.engine.onnx;

import org.walle.engine.graph.GraphException;

/**
 * An ONNX model, tensor file or .npy file that cannot be read: truncated or corrupt protobuf, inconsistent types,
 * impossible shapes, data of the wrong length, external data outside the model folder, dangling inputs or cycles.
 * {@link #where()} names the node, initializer or file the problem is in.
 */
public class OnnxModelException extends GraphException {
    private static final long serialVersionUID = 1L;

    public OnnxModelException(String where, String message) {
        super(where, message);
    }

    public OnnxModelException(String where, String message, Throwable cause) {
        super(where, message);
        initCause(cause);
    }
}

package org.walle.engine.ort;

/**
 * ONNX Runtime could not load or run a model: the message names the model file and what ONNX Runtime (or the
 * conversion of the engine's tensors) said, so a profile view or the CLI can show it as it is.
 */
public final class OrtModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OrtModelException(String message, Throwable cause) {
        super(message, cause);
    }

    public OrtModelException(String message) {
        super(message);
    }
}

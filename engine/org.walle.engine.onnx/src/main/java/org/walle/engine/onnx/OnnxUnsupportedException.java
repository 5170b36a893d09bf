package org.walle.engine.onnx;

/**
 * A well-formed ONNX model that uses something the engine does not represent: an element type outside
 * {@link org.walle.engine.tensor.DType} (double, string, uint16, ...), sequence, map or optional values, sparse
 * tensors. Distinguished from {@link OnnxModelException}'s broken files so that a conformance run can count it as
 * "unsupported" rather than "failed".
 */
public class OnnxUnsupportedException extends OnnxModelException {
    private static final long serialVersionUID = 1L;

    public OnnxUnsupportedException(String where, String message) {
        super(where, message);
    }
}

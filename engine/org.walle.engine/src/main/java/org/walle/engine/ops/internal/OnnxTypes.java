package org.walle.engine.ops.internal;

import org.walle.engine.tensor.DType;

/** ONNX TensorProto.DataType numbers for the element types the engine stores. */
final class OnnxTypes {
    private OnnxTypes() {
    }

    /** The dtype for an ONNX type number, or null when the engine cannot store it (double, string...). */
    static DType dtype(long onnx) {
        return switch ((int) onnx) {
            case 1 -> DType.FLOAT32;
            case 2 -> DType.UINT8;
            case 3 -> DType.INT8;
            case 6 -> DType.INT32;
            case 7 -> DType.INT64;
            case 9 -> DType.BOOL;
            case 10 -> DType.FLOAT16;
            default -> null;
        };
    }
}

package org.walle.engine.onnx.internal;

import org.walle.engine.onnx.OnnxModelException;
import org.walle.engine.onnx.OnnxUnsupportedException;
import org.walle.engine.onnx.internal.proto.OnnxProto.TensorProto;
import org.walle.engine.tensor.DType;

/** Maps ONNX {@code TensorProto.DataType} codes to the engine's {@link DType} and back. */
public final class ElementTypes {
    private ElementTypes() {
    }

    /**
     * The engine dtype of an ONNX element type code.
     *
     * @throws OnnxUnsupportedException for valid ONNX types the engine has no storage for (double, string, ...)
     * @throws OnnxModelException for codes that are not ONNX types at all
     */
    public static DType toDType(int code, String where) {
        TensorProto.DataType type = TensorProto.DataType.forNumber(code);
        if (type == null) {
            throw new OnnxModelException(where, "unknown element type code " + code);
        }
        return switch (type) {
            case FLOAT -> DType.FLOAT32;
            case FLOAT16 -> DType.FLOAT16;
            case INT8 -> DType.INT8;
            case UINT8 -> DType.UINT8;
            case INT32 -> DType.INT32;
            case INT64 -> DType.INT64;
            case BOOL -> DType.BOOL;
            case UNDEFINED -> throw new OnnxModelException(where, "element type is missing (UNDEFINED)");
            default -> throw new OnnxUnsupportedException(where, "unsupported element type " + type.name()
                    + " (the engine stores float32, float16, int8, uint8, int32, int64 and bool)");
        };
    }

    public static int toCode(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> TensorProto.DataType.FLOAT_VALUE;
            case FLOAT16 -> TensorProto.DataType.FLOAT16_VALUE;
            case INT8 -> TensorProto.DataType.INT8_VALUE;
            case UINT8 -> TensorProto.DataType.UINT8_VALUE;
            case INT32 -> TensorProto.DataType.INT32_VALUE;
            case INT64 -> TensorProto.DataType.INT64_VALUE;
            case BOOL -> TensorProto.DataType.BOOL_VALUE;
        };
    }
}

package org.walle.engine.onnx.internal;

import org.walle.engine.graph.ValueInfo;
import org.walle.engine.onnx.OnnxModelException;
import org.walle.engine.onnx.OnnxUnsupportedException;
import org.walle.engine.onnx.internal.proto.OnnxProto.TensorShapeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.TypeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.ValueInfoProto;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;

/**
 * Decodes a graph input, output or value_info entry. Symbolic dimensions ("batch") and unset dimensions become
 * {@link Shape#DYNAMIC}; a value without any shape (unknown rank) gets a null shape.
 */
final class TypeDecoder {
    private TypeDecoder() {
    }

    static ValueInfo decode(ValueInfoProto v, String role) {
        return decode(v, role, false);
    }

    /**
     * Decodes a value; in a subgraph (If/Loop/Scan body) ONNX lets inputs and outputs leave their type to inference,
     * so there a missing type gives a null dtype and shape instead of an error.
     */
    static ValueInfo decode(ValueInfoProto v, String role, boolean typeOptional) {
        String where = role + " '" + v.getName() + "'";
        if (v.getName().isEmpty()) {
            throw new OnnxModelException(role, "a " + role + " has no name");
        }
        TypeProto type = v.getType();
        if (type.getValueCase() == TypeProto.ValueCase.VALUE_NOT_SET) {
            if (typeOptional) {
                return new ValueInfo(v.getName(), null, null);
            }
            throw new OnnxModelException(where, "has no type");
        }
        if (type.getValueCase() != TypeProto.ValueCase.TENSOR_TYPE) {
            String kind = type.getValueCase().name().toLowerCase().replace("_type", "");
            throw new OnnxUnsupportedException(where, "has " + kind + " type; only tensors are supported");
        }
        TypeProto.Tensor tensor = type.getTensorType();
        DType dtype = ElementTypes.toDType(tensor.getElemType(), where);
        return new ValueInfo(v.getName(), dtype, tensor.hasShape() ? shape(tensor.getShape(), where) : null);
    }

    static Shape shape(TensorShapeProto s, String where) {
        long[] dims = new long[s.getDimCount()];
        long staticCount = 1;
        for (int i = 0; i < dims.length; i++) {
            TensorShapeProto.Dimension d = s.getDim(i);
            if (d.hasDimValue()) {
                if (d.getDimValue() < 0) {
                    throw new OnnxModelException(where, "dimension " + i + " is negative (" + d.getDimValue() + ")");
                }
                dims[i] = d.getDimValue();
                staticCount = checkedProduct(staticCount, dims[i], where);
            } else {
                dims[i] = Shape.DYNAMIC;
            }
        }
        return Shape.of(dims);
    }

    private static long checkedProduct(long count, long dim, String where) {
        long n;
        try {
            n = Math.multiplyExact(count, dim);
        } catch (ArithmeticException e) {
            n = Long.MAX_VALUE;
        }
        if (n > TensorDecoder.MAX_ELEMENTS) {
            throw new OnnxModelException(where, "declared shape has more than " + TensorDecoder.MAX_ELEMENTS
                    + " elements");
        }
        return n;
    }
}

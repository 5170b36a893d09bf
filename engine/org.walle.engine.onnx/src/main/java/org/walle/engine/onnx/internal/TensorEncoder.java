package org.walle.engine.onnx.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.walle.engine.onnx.internal.proto.OnnxProto.TensorProto;
import org.walle.engine.tensor.Tensor;

import com.google.protobuf.ByteString;

/** Turns a {@link Tensor} into a {@link TensorProto} with little-endian raw_data, as onnx.numpy_helper does. */
public final class TensorEncoder {
    private TensorEncoder() {
    }

    public static TensorProto encode(String name, Tensor t) {
        TensorProto.Builder b = TensorProto.newBuilder().setDataType(ElementTypes.toCode(t.getDType()));
        if (name != null) {
            b.setName(name);
        }
        for (long d : t.getShape().dims()) {
            b.addDims(d);
        }
        return b.setRawData(ByteString.copyFrom(toLittleEndian(t))).build();
    }

    public static byte[] toLittleEndian(Tensor t) {
        int n = t.size();
        ByteBuffer buf = ByteBuffer.allocate(n * t.getDType().byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.getDType()) {
            case FLOAT32 -> buf.asFloatBuffer().put((float[]) t.storage());
            case FLOAT16 -> buf.asShortBuffer().put((short[]) t.storage());
            case INT32 -> buf.asIntBuffer().put((int[]) t.storage());
            case INT64 -> buf.asLongBuffer().put((long[]) t.storage());
            case INT8, UINT8, BOOL -> buf.put((byte[]) t.storage());
        }
        return buf.array();
    }
}

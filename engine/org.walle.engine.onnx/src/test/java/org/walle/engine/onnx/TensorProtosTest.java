package org.walle.engine.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.engine.onnx.internal.proto.OnnxProto.TensorProto;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Half;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

import com.google.protobuf.ByteString;

/** .pb TensorProto files: round trips of every dtype, the ONNX test data, and broken files. */
class TensorProtosTest {
    @Test
    void roundTripsEveryDtype(@TempDir Path dir) throws IOException {
        Tensor[] tensors = {
            Tensor.of(Shape.of(2, 2), 1, -2, 3.5f, Float.NaN),
            Tensor.wrap(DType.FLOAT16, Shape.of(2), new short[] {Half.fromFloat(0.5f), Half.fromFloat(-8)}),
            Tensor.wrap(DType.INT8, Shape.of(2), new byte[] {-1, 5}),
            Tensor.wrap(DType.UINT8, Shape.of(1), new byte[] {(byte) 255}),
            Tensor.ofInts(Shape.of(3), 1, Integer.MIN_VALUE, 3),
            Tensor.ofLongs(Shape.scalar(), Long.MAX_VALUE),
            Tensor.wrap(DType.BOOL, Shape.of(2), new byte[] {1, 0})
        };
        for (Tensor t : tensors) {
            Path file = dir.resolve(t.getDType() + ".pb");
            TensorProtos.write(file, "v", t);
            TensorProtos.NamedTensor back = TensorProtos.read(file);
            assertEquals("v", back.name());
            assertEquals(t.getDType(), back.tensor().getDType());
            assertEquals(t.getShape(), back.tensor().getShape());
            for (int i = 0; i < t.size(); i++) {
                assertEquals(t.getDouble(i), back.tensor().getDouble(i), 0.0, t.getDType() + "[" + i + "]");
            }
        }
    }

    /** input_0.pb of ONNX's test_abs (float32 [3,4,5]) read back and checked against output_0.pb = |input|. */
    @Test
    void readsOnnxTestData() {
        Path set = Path.of(System.getProperty("walle.onnx.testdata", "/usr/share/libonnx-testdata/data"),
                "node", "test_abs", "test_data_set_0");
        assumeTrue(Files.isDirectory(set), "libonnx-testdata not installed");
        Tensor in = TensorProtos.read(set.resolve("input_0.pb")).tensor();
        Tensor out = TensorProtos.read(set.resolve("output_0.pb")).tensor();
        assertEquals(Shape.of(3, 4, 5), in.getShape());
        float[] expected = in.toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            expected[i] = Math.abs(expected[i]);
        }
        assertArrayEquals(expected, out.buffer());
    }

    /** Garbage, and a "tensor" whose raw_data does not fit its shape (what a sequence .pb parses as). */
    @Test
    void refusesBrokenFiles() {
        OnnxModelException e = assertThrows(OnnxModelException.class,
                () -> TensorProtos.parse(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x01}, "bad.pb", null));
        assertTrue(e.getMessage().startsWith("bad.pb: not a valid TensorProto"), e.getMessage());
        byte[] wrongLength = TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(4)
                .setRawData(ByteString.copyFrom(new byte[6])).build().toByteArray();
        e = assertThrows(OnnxModelException.class, () -> TensorProtos.parse(wrongLength, "seq.pb", null));
        assertTrue(e.getMessage().contains("raw_data holds 6 bytes, but FLOAT32[4] needs 16"), e.getMessage());
    }
}

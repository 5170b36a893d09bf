package org.walle.engine.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.walle.engine.onnx.internal.TensorDecoder;
import org.walle.engine.onnx.internal.TensorEncoder;
import org.walle.engine.onnx.internal.proto.OnnxProto.TensorProto;
import org.walle.engine.tensor.Tensor;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Reads and writes serialized ONNX {@code TensorProto} files ({@code .pb}), the format of the ONNX backend test
 * data ({@code test_data_set_0/input_0.pb}). Sizes are checked as for model initializers.
 */
public final class TensorProtos {
    private TensorProtos() {
    }

    /** A named tensor as stored in a .pb file (the name may be empty). */
    public record NamedTensor(String name, Tensor tensor) {
    }

    public static NamedTensor read(Path file) {
        String where = String.valueOf(file.getFileName());
        try {
            return parse(Files.readAllBytes(file), where, file.toAbsolutePath().getParent());
        } catch (NoSuchFileException e) {
            throw new OnnxModelException(where, "file does not exist: " + file, e);
        } catch (IOException e) {
            throw new OnnxModelException(where, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a TensorProto; {@code baseDir} resolves external data (null forbids it). */
    public static NamedTensor parse(byte[] bytes, String where, Path baseDir) {
        TensorProto t;
        try {
            t = TensorProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxModelException(where, "not a valid TensorProto: " + e.getMessage(), e);
        }
        return new NamedTensor(t.getName(), TensorDecoder.decode(t, where, baseDir));
    }

    public static byte[] toBytes(String name, Tensor tensor) {
        return TensorEncoder.encode(name, tensor).toByteArray();
    }

    public static void write(Path file, String name, Tensor tensor) throws IOException {
        Files.write(file, toBytes(name, tensor));
    }
}

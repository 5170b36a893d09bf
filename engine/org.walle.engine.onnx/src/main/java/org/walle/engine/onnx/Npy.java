package org.walle.engine.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.walle.engine.onnx.internal.NpyHeader;
import org.walle.engine.onnx.internal.TensorEncoder;
import org.walle.engine.tensor.Tensor;

/**
 * NumPy {@code .npy} files (format versions 1, 2 and 3): little-endian, C order, dtypes {@code f4 f2 i1 u1 i4 i8
 * b1}. Fortran order, big-endian data, other dtypes and data of the wrong length are refused with a message
 * naming the file.
 */
public final class Npy {
    private Npy() {
    }

    public static Tensor read(Path file) {
        String where = String.valueOf(file.getFileName());
        try {
            return parse(Files.readAllBytes(file), where);
        } catch (NoSuchFileException e) {
            throw new OnnxModelException(where, "file does not exist: " + file, e);
        } catch (IOException e) {
            throw new OnnxModelException(where, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static Tensor parse(byte[] bytes, String where) {
        NpyHeader h = NpyHeader.parse(bytes, where);
        return h.decode(bytes, where);
    }

    public static void write(Path file, Tensor tensor) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(toBytes(tensor));
        }
    }

    public static byte[] toBytes(Tensor tensor) {
        byte[] header = NpyHeader.format(tensor.getDType(), tensor.getShape()).getBytes(StandardCharsets.ISO_8859_1);
        byte[] data = TensorEncoder.toLittleEndian(tensor);
        boolean v1 = header.length <= 0xFFFF;
        ByteBuffer b = ByteBuffer.allocate((v1 ? 10 : 12) + header.length + data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) (v1 ? 1 : 2)).put((byte) 0);
        if (v1) {
            b.putShort((short) header.length);
        } else {
            b.putInt(header.length);
        }
        return b.put(header).put(data).array();
    }
}

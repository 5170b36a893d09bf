package org.walle.engine.onnx.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.walle.engine.onnx.OnnxModelException;
import org.walle.engine.onnx.internal.proto.OnnxProto.StringStringEntryProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.TensorProto;

/**
 * Reads a tensor's bytes from an external data file ({@code data_location = EXTERNAL}). The file must stay inside
 * the model's folder, even through symbolic links, and the (offset, length) window must lie inside the file, so a
 * hostile model can neither read arbitrary files nor make us allocate more than the file holds.
 */
final class ExternalData {
    private ExternalData() {
    }

    static byte[] read(TensorProto tensor, Path baseDir, long expectedBytes, String where) {
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto e : tensor.getExternalDataList()) {
            switch (e.getKey()) {
                case "location" -> location = e.getValue();
                case "offset" -> offset = parseLong(e.getValue(), "offset", where);
                case "length" -> length = parseLong(e.getValue(), "length", where);
                default -> {
                    // "checksum" and future keys do not change where the bytes are
                }
            }
        }
        if (location == null || location.isEmpty()) {
            throw new OnnxModelException(where, "external data has no location");
        }
        if (baseDir == null) {
            throw new OnnxModelException(where, "external data '" + location + "' needs the model's folder, none given");
        }
        if (length >= 0 && length != expectedBytes) {
            throw new OnnxModelException(where, "external data length " + length + " does not match the "
                    + expectedBytes + " bytes its shape and type need");
        }
        if (expectedBytes > TensorDecoder.MAX_ELEMENTS) {
            throw new OnnxModelException(where, "external tensor of " + expectedBytes
                    + " bytes is larger than one Java array can hold");
        }
        Path file = resolveInside(baseDir, location, where);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            if (offset > fileSize || expectedBytes > fileSize - offset) {
                throw new OnnxModelException(where, "external data '" + location + "' holds " + fileSize
                        + " bytes, the tensor needs " + expectedBytes + " from offset " + offset);
            }
            ByteBuffer buf = ByteBuffer.allocate((int) expectedBytes);
            while (buf.hasRemaining()) {
                if (ch.read(buf, offset + buf.position()) < 0) {
                    throw new OnnxModelException(where, "external data '" + location + "' ended early");
                }
            }
            return buf.array();
        } catch (NoSuchFileException e) {
            throw new OnnxModelException(where, "external data file '" + location + "' does not exist", e);
        } catch (IOException e) {
            throw new OnnxModelException(where, "cannot read external data '" + location + "': " + e.getMessage(), e);
        }
    }

    static Path resolveInside(Path baseDir, String location, String where) {
        Path base = baseDir.toAbsolutePath().normalize();
        Path relative;
        try {
            relative = Path.of(location);
        } catch (RuntimeException e) {
            throw new OnnxModelException(where, "external data location '" + location + "' is not a valid path");
        }
        if (relative.isAbsolute()) {
            throw new OnnxModelException(where, "external data location '" + location
                    + "' is absolute; it must be relative to the model's folder");
        }
        Path file = base.resolve(relative).normalize();
        if (!file.startsWith(base)) {
            throw new OnnxModelException(where, "external data location '" + location
                    + "' points outside the model's folder " + base);
        }
        try {
            if (Files.exists(file) && !file.toRealPath().startsWith(base.toRealPath())) {
                throw new OnnxModelException(where, "external data location '" + location
                        + "' links outside the model's folder " + base);
            }
        } catch (IOException e) {
            throw new OnnxModelException(where, "cannot resolve external data '" + location + "': " + e.getMessage(), e);
        }
        return file;
    }

    private static long parseLong(String value, String key, String where) {
        try {
            long v = Long.parseLong(value.trim());
            if (v < 0) {
                throw new OnnxModelException(where, "external data " + key + " is negative: " + value);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new OnnxModelException(where, "external data " + key + " '" + value + "' is not a number");
        }
    }
}

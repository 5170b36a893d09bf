package org.walle.engine.onnx.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.walle.engine.onnx.OnnxModelException;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** The header of a .npy file: magic, version, and the Python dict literal with descr, fortran_order and shape. */
public record NpyHeader(DType dtype, Shape shape, int dataOffset) {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    /** numpy aligns the data to 64 bytes. */
    private static final int ALIGN = 64;

    public static NpyHeader parse(byte[] b, String where) {
        if (b.length < 10 || (b[0] & 0xFF) != 0x93 || !new String(b, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new OnnxModelException(where, "not a .npy file (the magic \\x93NUMPY is missing)");
        }
        int major = b[6];
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen;
        int start;
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xFFFF;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (b.length < 12) {
                throw new OnnxModelException(where, ".npy header is truncated");
            }
            headerLen = bb.getInt(8) & 0xFFFFFFFFL;
            start = 12;
        } else {
            throw new OnnxModelException(where, "unsupported .npy format version " + major);
        }
        if (start + headerLen > b.length) {
            throw new OnnxModelException(where, ".npy header claims " + headerLen + " bytes, the file is shorter");
        }
        String dict = new String(b, start, (int) headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        DType dtype = dtype(group(DESCR, dict, "descr", where), where);
        if (group(FORTRAN, dict, "fortran_order", where).equals("True")) {
            throw new OnnxModelException(where, "Fortran-order arrays are not supported; save with "
                    + "np.ascontiguousarray first");
        }
        return new NpyHeader(dtype, shape(group(SHAPE, dict, "shape", where), where), (int) (start + headerLen));
    }

    public Tensor decode(byte[] b, String where) {
        long count = shape.size();
        long bytes = count * dtype.byteSize();
        if (b.length - dataOffset != bytes) {
            throw new OnnxModelException(where, ".npy data holds " + (b.length - dataOffset) + " bytes, but "
                    + dtype + shape + " needs " + bytes);
        }
        byte[] data = java.util.Arrays.copyOfRange(b, dataOffset, b.length);
        return Tensor.wrap(dtype, shape, TensorDecoder.fromLittleEndian(data, dtype, (int) count));
    }

    /** The header dict, padded with spaces and a newline so that the data starts 64-byte aligned. */
    public static String format(DType dtype, Shape shape) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape.dims()) {
            dims.append(d).append(", ");
        }
        if (shape.rank() > 1) {
            dims.setLength(dims.length() - 2);
        } else if (shape.rank() == 1) {
            dims.setLength(dims.length() - 1);
        }
        String dict = "{'descr': '" + descr(dtype) + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        int prefix = dict.length() + 1 > 0xFFFF - 10 ? 12 : 10;
        int total = (prefix + dict.length() + 1 + ALIGN - 1) / ALIGN * ALIGN;
        return dict + " ".repeat(total - prefix - dict.length() - 1) + "\n";
    }

    static String descr(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> "<f4";
            case FLOAT16 -> "<f2";
            case INT8 -> "|i1";
            case UINT8 -> "|u1";
            case INT32 -> "<i4";
            case INT64 -> "<i8";
            case BOOL -> "|b1";
        };
    }

    private static DType dtype(String descr, String where) {
        if (descr.length() >= 2 && descr.charAt(0) == '>' && !descr.endsWith("1")) {
            throw new OnnxModelException(where, "big-endian dtype '" + descr + "' is not supported");
        }
        String kind = descr.length() >= 2 && "<>|=".indexOf(descr.charAt(0)) >= 0 ? descr.substring(1) : descr;
        return switch (kind) {
            case "f4" -> DType.FLOAT32;
            case "f2" -> DType.FLOAT16;
            case "i1" -> DType.INT8;
            case "u1" -> DType.UINT8;
            case "i4" -> DType.INT32;
            case "i8" -> DType.INT64;
            case "b1" -> DType.BOOL;
            default -> throw new OnnxModelException(where, "unsupported .npy dtype '" + descr
                    + "' (supported: f4 f2 i1 u1 i4 i8 b1)");
        };
    }

    private static Shape shape(String tuple, String where) {
        List<Long> dims = new ArrayList<>();
        long count = 1;
        for (String part : tuple.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            long d;
            try {
                d = Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p);
            } catch (NumberFormatException e) {
                throw new OnnxModelException(where, ".npy shape entry '" + p + "' is not a number");
            }
            if (d < 0) {
                throw new OnnxModelException(where, ".npy shape has a negative dimension " + d);
            }
            try {
                count = Math.multiplyExact(count, d);
            } catch (ArithmeticException e) {
                count = Long.MAX_VALUE;
            }
            if (count > TensorDecoder.MAX_ELEMENTS) {
                throw new OnnxModelException(where, ".npy shape (" + tuple + ") is too large");
            }
            dims.add(d);
        }
        return Shape.of(dims.stream().mapToLong(Long::longValue).toArray());
    }

    private static String group(Pattern p, String dict, String key, String where) {
        Matcher m = p.matcher(dict);
        if (!m.find()) {
            throw new OnnxModelException(where, ".npy header has no valid '" + key + "' entry: " + dict.trim());
        }
        return m.group(1);
    }
}

package org.walle.engine.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Half;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** .npy files written by numpy 2.x (src/test/resources/npy, made with np.save) read and written back byte-exact. */
class NpyTest {
    static byte[] fixture(String name) throws IOException {
        try (InputStream in = NpyTest.class.getResourceAsStream("/npy/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsEveryDtypeNumpyWrites() throws IOException {
        Tensor f4 = Npy.parse(fixture("f4.npy"), "f4.npy");
        assertEquals(Shape.of(2, 3), f4.getShape());
        assertArrayEquals(new float[] {1.5f, -2, 3, 4, 5, 6.25f}, f4.buffer());
        Tensor f2 = Npy.parse(fixture("f2.npy"), "f2.npy");
        assertEquals(DType.FLOAT16, f2.getDType());
        assertEquals(65504f, Half.toFloat(((short[]) f2.storage())[2]));
        assertArrayEquals(new byte[] {-128, 0, 127}, (byte[]) Npy.parse(fixture("i1.npy"), "i1").storage());
        Tensor u1 = Npy.parse(fixture("u1.npy"), "u1");
        assertEquals(DType.UINT8, u1.getDType());
        assertEquals(200.0, u1.getDouble(1));
        assertArrayEquals(new int[] {-7, Integer.MAX_VALUE, 0, 1}, Npy.parse(fixture("i4.npy"), "i4").intBuffer());
        assertArrayEquals(new long[] {Long.MIN_VALUE, 42}, Npy.parse(fixture("i8.npy"), "i8").longBuffer());
        Tensor b1 = Npy.parse(fixture("b1.npy"), "b1");
        assertEquals(DType.BOOL, b1.getDType());
        assertArrayEquals(new byte[] {1, 0, 1, 1}, (byte[]) b1.storage());
        Tensor scalar = Npy.parse(fixture("scalar.npy"), "scalar");
        assertEquals(0, scalar.getShape().rank());
        assertEquals(3.25f, scalar.get(0));
        Tensor v2 = Npy.parse(fixture("v2.npy"), "v2");
        assertArrayEquals(new long[] {0, 1, 2, 3}, v2.longBuffer());
    }

    @Test
    void writesTheSameBytesAsNumpy() throws IOException {
        for (String name : new String[] {"f4.npy", "f2.npy", "i1.npy", "u1.npy", "i4.npy", "i8.npy", "b1.npy",
            "scalar.npy"}) {
            byte[] numpy = fixture(name);
            assertArrayEquals(numpy, Npy.toBytes(Npy.parse(numpy, name)), name);
        }
    }

    @Test
    void roundTripsThroughAFile(@TempDir Path dir) throws IOException {
        Tensor t = Tensor.ofLongs(Shape.of(3, 1), 5, -6, 7);
        Npy.write(dir.resolve("t.npy"), t);
        Tensor back = Npy.read(dir.resolve("t.npy"));
        assertEquals(t.getShape(), back.getShape());
        assertArrayEquals(t.longBuffer(), back.longBuffer());
    }

    @Test
    void refusesFortranOrderBigEndianAndUnknownDtypes() throws IOException {
        assertMessage("fortran.npy", "Fortran-order");
        assertMessage("bigendian.npy", "big-endian");
        assertMessage("f8.npy", "unsupported .npy dtype '<f8'");
    }

    /** Hostile files: no magic, truncated data, a header longer than the file, negative or absurd shapes. */
    @Test
    void refusesBrokenFilesWithClearErrors() throws IOException {
        byte[] good = fixture("f4.npy");
        assertTrue(message(Arrays.copyOf(good, good.length - 3)).contains("needs 24"));
        assertTrue(message("hello".getBytes(StandardCharsets.US_ASCII)).contains("magic"));
        byte[] longHeader = good.clone();
        longHeader[8] = (byte) 0xFF;
        longHeader[9] = (byte) 0xFF;
        assertTrue(message(longHeader).contains("header claims"));
        assertTrue(message(withShape(good, "(-2, 3)")).contains("negative"));
        assertTrue(message(withShape(good, "(4294967296, 4294967296)")).contains("too large"));
        assertTrue(message(withShape(good, "(two, 3)")).contains("not a number"));
    }

    private static byte[] withShape(byte[] npy, String shape) {
        String s = new String(npy, StandardCharsets.ISO_8859_1).replace("(2, 3)", shape);
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String message(byte[] bytes) {
        return assertThrows(OnnxModelException.class, () -> Npy.parse(bytes, "bad.npy")).getMessage();
    }

    private static void assertMessage(String fixture, String expected) throws IOException {
        byte[] b = fixture(fixture);
        String m = assertThrows(OnnxModelException.class, () -> Npy.parse(b, fixture)).getMessage();
        assertTrue(m.contains(expected) && m.startsWith(fixture), m);
    }
}

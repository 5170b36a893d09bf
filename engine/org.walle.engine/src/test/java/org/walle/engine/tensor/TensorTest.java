package org.walle.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void storageMustMatchDTypeAndShape() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(DType.INT32, Shape.of(2), new float[2]));
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(Shape.of(2, 2), 1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -5));
    }

    @Test
    void uint8IsReadUnsigned() {
        Tensor t = Tensor.wrap(DType.UINT8, Shape.of(2), new byte[] {(byte) 200, 7});
        assertEquals(200f, t.get(0));
        assertEquals(7L, t.getLong(1));
    }

    @Test
    void halfRoundTripsExactlyRepresentableValues() {
        for (float v : new float[] {0f, -0f, 1f, -2.5f, 65504f, 6.1035156e-5f, 5.9604645e-8f}) {
            assertEquals(v, Half.toFloat(Half.fromFloat(v)), 0f, "value " + v);
        }
        assertEquals(Float.POSITIVE_INFINITY, Half.toFloat(Half.fromFloat(1e6f)));
        assertEquals(1.0009766f, Half.toFloat(Half.fromFloat(1.0009f)), 0f, "rounds to nearest half");
    }

    @Test
    void castConvertsEveryType() {
        Tensor f = Tensor.of(Shape.of(3), 1.9f, -2.7f, 0f);
        assertEquals(-2L, Casts.cast(f, DType.INT64).getLong(1));
        assertEquals(1.0, Casts.cast(f, DType.BOOL).getDouble(0));
        assertEquals(0.0, Casts.cast(f, DType.BOOL).getDouble(2));
        assertEquals(1.9003906f, Casts.cast(f, DType.FLOAT16).get(0), 0f, "1.9 rounds to 1946 * 2^-10");
    }

    @Test
    void shapeReportsDynamicDimensions() {
        Shape s = Shape.of(Shape.DYNAMIC, 3);
        assertEquals("[?,3]", s.toString());
        assertThrows(IllegalStateException.class, s::size);
    }
}

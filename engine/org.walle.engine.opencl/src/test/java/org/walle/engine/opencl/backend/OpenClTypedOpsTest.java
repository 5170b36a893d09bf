package org.walle.engine.opencl.backend;

import static org.walle.engine.opencl.backend.DeviceHarness.assertSameTyped;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.BinaryKind;
import org.walle.engine.decompose.Params.UnaryKind;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.decompose.Region;
import org.walle.engine.decompose.View;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Commands with bool, int and float16 operands (masks, shape plumbing, half-precision rasters) against
 * ReferenceBackend.execute, exactly: comparisons, bool logic, NaN/Inf tests, selects of every width and rasters
 * with fills of every dtype. Values include NaN, infinities, negative zero and int64 values beyond 2^53.
 */
class OpenClTypedOpsTest {
    private final DeviceHarness h = new DeviceHarness();
    private final Random rnd = new Random(9);

    @BeforeAll
    static void device() {
        DeviceHarness.backend();
    }

    private Tensor floats(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextInt(5) - 2;
        }
        v[0] = Float.NaN;
        v[1] = Float.POSITIVE_INFINITY;
        v[2] = Float.NEGATIVE_INFINITY;
        v[3] = -0f;
        return Tensor.wrap(Shape.of(n), v);
    }

    private Tensor bools(int n) {
        byte[] v = new byte[n];
        for (int i = 0; i < n; i++) {
            v[i] = (byte) rnd.nextInt(2);
        }
        return Tensor.wrap(DType.BOOL, Shape.of(n), v);
    }

    private Tensor longs(int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextLong();
        }
        v[0] = Long.MIN_VALUE;
        v[1] = (1L << 53) + 1;
        return Tensor.ofLongs(Shape.of(n), v);
    }

    private PlanTensor t(String name, DType dtype, int n) {
        return h.tensor(name, dtype, n);
    }

    @Test
    void comparisonsWriteBoolsAndNanComparesFalse() {
        int n = 301;
        for (BinaryKind kind : ElementwiseLowering.COMPARE) {
            Command c = h.command(AtomicOp.BINARY, List.of(t("a", DType.FLOAT32, n), t("b", DType.FLOAT32, n)),
                    List.of(t("y", DType.BOOL, n)), new Params.Binary(kind));
            assertSameTyped(c, floats(n), floats(n));
        }
    }

    @Test
    void comparisonAndLogicWithARepeatedOperand() {
        int n = 301;
        Command less = h.command(AtomicOp.BINARY, List.of(t("a", DType.FLOAT32, 7), t("b", DType.FLOAT32, n)),
                List.of(t("y", DType.BOOL, n)), new Params.Binary(BinaryKind.LESS, new Params.Broadcast(0, 1, 7, 43)));
        assertSameTyped(less, floats(7), floats(n));
        Command or = h.command(AtomicOp.BINARY, List.of(t("a", DType.BOOL, n), t("b", DType.BOOL, 1)),
                List.of(t("y", DType.BOOL, n)), new Params.Binary(BinaryKind.OR, new Params.Broadcast(1, 1, 1, n)));
        assertSameTyped(or, bools(n), bools(1));
    }

    @Test
    void boolLogicAndNot() {
        int n = 257;
        for (BinaryKind kind : ElementwiseLowering.LOGIC) {
            Command c = h.command(AtomicOp.BINARY, List.of(t("a", DType.BOOL, n), t("b", DType.BOOL, n)),
                    List.of(t("y", DType.BOOL, n)), new Params.Binary(kind));
            assertSameTyped(c, bools(n), bools(n));
        }
        Command not = h.command(AtomicOp.UNARY, List.of(t("a", DType.BOOL, n)), List.of(t("y", DType.BOOL, n)),
                Params.Unary.of(UnaryKind.NOT));
        assertSameTyped(not, bools(n));
    }

    @Test
    void isNanAndIsInfWithEachSign() {
        int n = 64;
        assertSameTyped(h.command(AtomicOp.UNARY, List.of(t("x", DType.FLOAT32, n)), List.of(t("y", DType.BOOL, n)),
                Params.Unary.of(UnaryKind.IS_NAN)), floats(n));
        for (float[] flags : new float[][] {{1, 1}, {1, 0}, {0, 1}}) {
            assertSameTyped(h.command(AtomicOp.UNARY, List.of(t("x", DType.FLOAT32, n)),
                    List.of(t("y", DType.BOOL, n)), new Params.Unary(UnaryKind.IS_INF, flags[0], flags[1], null)),
                    floats(n));
        }
    }

    @Test
    void selectOfFloatsLongsAndBools() {
        int n = 199;
        assertSameTyped(h.command(AtomicOp.SELECT, List.of(t("c", DType.BOOL, n), t("a", DType.FLOAT32, n),
                t("b", DType.FLOAT32, n)), List.of(t("y", DType.FLOAT32, n)), new Params.Select()), bools(n),
                floats(n), floats(n));
        assertSameTyped(h.command(AtomicOp.SELECT, List.of(t("c", DType.BOOL, n), t("a", DType.INT64, n),
                t("b", DType.INT64, n)), List.of(t("y", DType.INT64, n)), new Params.Select()), bools(n), longs(n),
                longs(n));
        assertSameTyped(h.command(AtomicOp.SELECT, List.of(t("c", DType.BOOL, n), t("a", DType.BOOL, n),
                t("b", DType.BOOL, n)), List.of(t("y", DType.BOOL, n)), new Params.Select()), bools(n), bools(n),
                bools(n));
    }

    @Test
    void rastersMoveEveryDtypeBitForBitAndFillConverted() {
        int n = 12;
        List<Region> reverseHalf = List.of(Region.of(0, View.of(n - 1, 0, 0, -1), View.of(2, 0, 0, 1), 1, 1, n / 2));
        Object[][] cases = {{DType.INT64, longs(n), -3.0}, {DType.INT32, Tensor.ofInts(Shape.of(n), new int[] {1, -2,
            3, Integer.MIN_VALUE, 5, 6, 7, 8, 9, 10, 11, Integer.MAX_VALUE}), 7.9}, {DType.BOOL, bools(n), 2.0},
            {DType.FLOAT16, half(n), 0.3333}, {DType.FLOAT32, floats(n), -0.0}, {DType.UINT8, bytes(n), 255.0}};
        for (Object[] k : cases) {
            DType dtype = (DType) k[0];
            Command c = h.command(AtomicOp.RASTER, List.of(t("src", dtype, n)), List.of(t("dst", dtype, n)),
                    new Params.Raster(reverseHalf, (Double) k[2]));
            assertSameTyped(c, (Tensor) k[1]);
        }
    }

    private Tensor half(int n) {
        short[] v = new short[n];
        for (int i = 0; i < n; i++) {
            v[i] = org.walle.engine.tensor.Half.fromFloat(rnd.nextFloat() * 100 - 50);
        }
        return Tensor.wrap(DType.FLOAT16, Shape.of(n), v);
    }

    private Tensor bytes(int n) {
        byte[] v = new byte[n];
        rnd.nextBytes(v);
        return Tensor.wrap(DType.UINT8, Shape.of(n), v);
    }
}

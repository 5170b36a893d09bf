package org.walle.engine.opencl.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.walle.engine.opencl.backend.DeviceHarness.unsupportedReason;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.decompose.Region;
import org.walle.engine.decompose.View;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;

/**
 * Commands the backend must decline (onCreate answers Unsupported with a reason a user can act on, never throws):
 * ops without a kernel, non-float32 operands, malformed sizes, index-driven loops and in-place commands.
 */
class OpenClUnsupportedTest {
    private final DeviceHarness h = new DeviceHarness();

    @BeforeAll
    static void device() {
        DeviceHarness.backend();
    }

    @Test
    void opsWithoutKernelsSayWhich() {
        Command cumsum = h.command(AtomicOp.SCAN_AXIS, List.of(h.tensor("x", 8)), List.of(h.tensor("y", 8)),
                new Params.ScanAxis("cumsum", 1, 8, 1, false, false, 0));
        assertEquals("no OpenCL kernel for SCAN_AXIS", unsupportedReason(cumsum));
        Command argmax = h.command(AtomicOp.REDUCE, List.of(h.tensor("x", 8)), List.of(h.tensor("i", 8)),
                new Params.Reduce(Params.ReduceKind.ARGMAX, 1, 8, 1, false));
        assertTrue(unsupportedReason(argmax).contains("REDUCE ARGMAX"));
        Command resize = h.command(AtomicOp.RESIZE, List.of(h.tensor("x", 1, 1, 4, 4)),
                List.of(h.tensor("y", 1, 1, 8, 8)), new Params.Resize("nearest", "asymmetric", "floor", -0.75f, false,
                        0f, new float[] {1, 1, 2, 2}, new float[0]));
        assertEquals("no OpenCL kernel for RESIZE", unsupportedReason(resize));
        Command pool3d = h.command(AtomicOp.POOL, List.of(h.tensor("x", 1, 1, 4, 4, 4)),
                List.of(h.tensor("y", 1, 1, 2, 2, 2)), new Params.Pool("max", new int[] {2, 2, 2},
                        new int[] {2, 2, 2}, new int[3], new int[3], new int[] {1, 1, 1}, false, 2));
        assertTrue(unsupportedReason(pool3d).contains("2-d only"), unsupportedReason(pool3d));
    }

    @Test
    void nonFloatOperandsAndDtypeChangingKindsStayOnTheCpu() {
        Command bits = h.command(AtomicOp.BINARY, List.of(h.tensor("a", DType.INT64, 4), h.tensor("b", DType.INT64, 4)),
                List.of(h.tensor("y", DType.INT64, 4)), new Params.Binary(Params.BinaryKind.BITWISE_AND));
        assertEquals("no OpenCL kernel for BINARY BITWISE_AND", unsupportedReason(bits));
        Command intAdd = h.command(AtomicOp.BINARY, List.of(h.tensor("a", DType.INT64, 4),
                h.tensor("b", DType.INT64, 4)), List.of(h.tensor("y", DType.INT64, 4)),
                new Params.Binary(Params.BinaryKind.ADD));
        assertTrue(unsupportedReason(intAdd).contains("FLOAT32 inputs; a is INT64"), unsupportedReason(intAdd));
        Command mixedSelect = h.command(AtomicOp.SELECT, List.of(h.tensor("c", DType.BOOL, 4), h.tensor("a", 4),
                h.tensor("b", DType.INT64, 4)), List.of(h.tensor("y", 4)), new Params.Select());
        assertTrue(unsupportedReason(mixedSelect).contains("values of one dtype"), unsupportedReason(mixedSelect));
        Command cast = h.command(AtomicOp.UNARY, List.of(h.tensor("a", 4)), List.of(h.tensor("y", 4)),
                new Params.Unary(Params.UnaryKind.CAST, 0, 0, DType.FLOAT32));
        assertEquals("no OpenCL kernel for UNARY CAST", unsupportedReason(cast));
        Command ints = h.command(AtomicOp.MATMUL, List.of(h.tensor("A", DType.INT64, 2, 2),
                h.tensor("B", DType.INT64, 2, 2)), List.of(h.tensor("C", DType.INT64, 2, 2)),
                Params.MatMul.plain(2, 2, 2));
        assertTrue(unsupportedReason(ints).contains("float32 only"), unsupportedReason(ints));
        Command castRaster = h.command(AtomicOp.RASTER, List.of(h.tensor("i", DType.INT32, 3)),
                List.of(h.tensor("f", 3)), new Params.Raster(List.of(Region.of(0, View.of(0, 0, 0, 1),
                        View.of(0, 0, 0, 1), 1, 1, 3)), null));
        assertTrue(unsupportedReason(castRaster).contains("differ in dtype"), unsupportedReason(castRaster));
    }

    /** Hostile input: operand sizes that do not match the parameters would read past buffers on the device. */
    @Test
    void sizesThatDoNotMatchTheParametersAreDeclined() {
        Command matmul = h.command(AtomicOp.MATMUL, List.of(h.tensor("A", 2, 3), h.tensor("B", 3, 4),
                h.tensor("bias", 4)), List.of(h.tensor("C", 2, 4)), Params.MatMul.plain(2, 4, 3));
        assertTrue(unsupportedReason(matmul).contains("bias"), unsupportedReason(matmul));
        Command add = h.command(AtomicOp.BINARY, List.of(h.tensor("a", 4), h.tensor("b", 1)), List.of(h.tensor("y", 4)),
                new Params.Binary(Params.BinaryKind.ADD));
        assertTrue(unsupportedReason(add).contains("the command needs 4"), unsupportedReason(add));
        Command shortBroadcast = h.command(AtomicOp.BINARY, List.of(h.tensor("a", 6), h.tensor("b", 1)),
                List.of(h.tensor("y", 6)), new Params.Binary(Params.BinaryKind.ADD, new Params.Broadcast(1, 1, 3, 2)));
        assertTrue(unsupportedReason(shortBroadcast).contains("the command needs 3"),
                unsupportedReason(shortBroadcast));
        Command conv1d = h.command(AtomicOp.CONV, List.of(h.tensor("x", 1, 1, 8), h.tensor("w", 1, 1, 3)),
                List.of(h.tensor("y", 1, 1, 6)), new Params.Conv(1, new int[] {3}, new int[] {1}, new int[1],
                        new int[] {1}, new int[1]));
        assertTrue(unsupportedReason(conv1d).contains("2-d only"), unsupportedReason(conv1d));
    }

    @Test
    void indexDrivenLoopsAndInPlaceCopiesAreDeclined() {
        Command body = h.command(AtomicOp.RASTER, List.of(h.tensor("row", 4)), List.of(h.tensor("out", 4)),
                new Params.Raster(List.of(Region.of(0, View.of(0, 0, 0, 1), View.of(0, 0, 0, 1), 1, 1, 4)), null));
        Command gather = h.command(AtomicOp.LOOP, List.of(h.tensor("table", 3, 4), h.tensor("idx", DType.INT64, 2)),
                List.of(h.tensor("y", 2, 4)), new Params.Loop(2, body, List.of(Params.Step.indexed(0, 4, 3),
                        Params.Step.linear(4))));
        assertTrue(unsupportedReason(gather).contains("index tensor"), unsupportedReason(gather));
        PlanTensor owner = h.tensor("buf", 8);
        PlanTensor view = PlanTensor.alias(99, "view", Shape.of(2, 4), owner);
        Command inPlace = h.command(AtomicOp.RASTER, List.of(owner), List.of(view), new Params.Raster(
                List.of(Region.of(0, View.of(0, 0, 0, 1), View.of(4, 0, 0, 1), 1, 1, 4)), null));
        assertTrue(unsupportedReason(inPlace).contains("writes the storage it reads"), unsupportedReason(inPlace));
    }
}

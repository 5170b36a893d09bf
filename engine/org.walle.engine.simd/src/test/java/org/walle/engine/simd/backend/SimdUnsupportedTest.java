package org.walle.engine.simd.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.walle.engine.backend.BackendConfig;
import org.walle.engine.backend.Backends;
import org.walle.engine.backend.BackendProvider;
import org.walle.engine.backend.Creation;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.UnaryKind;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.decompose.Region;
import org.walle.engine.decompose.View;
import org.walle.engine.tensor.DType;

/**
 * What cpu-simd refuses, and that it refuses with a reason instead of throwing: other dtypes, modes without a
 * kernel, and malformed commands (hostile sizes, a LOOP stepping outside its tensor, weights that do not fit).
 */
class SimdUnsupportedTest {
    private final CommandHarness h = new CommandHarness(31);
    private final SimdBackend backend = CommandHarness.backend(2);

    private String reason(Command c) {
        Creation r = backend.onCreate(c);
        return assertInstanceOf(Creation.Unsupported.class, r, "should refuse " + c).reason();
    }

    @Test
    void otherDtypesAreRefusedNamingTheType() {
        Command int64 = CommandHarness.command(AtomicOp.MATMUL, List.of(h.tensor(DType.INT64, 2, 3),
                h.tensor(DType.INT64, 3, 4)), List.of(h.tensor(DType.INT64, 2, 4)), Params.MatMul.plain(2, 4, 3));
        assertEquals("int64 operands: cpu-simd kernels are float32", reason(int64));
        Command half = CommandHarness.command(AtomicOp.BINARY, List.of(h.tensor(DType.FLOAT16, 5),
                h.tensor(DType.FLOAT16, 5)), List.of(h.tensor(DType.FLOAT16, 5)), new Params.Binary(Params.BinaryKind.ADD));
        assertEquals("float16 operands: cpu-simd kernels are float32", reason(half));
        Command argmax = CommandHarness.command(AtomicOp.REDUCE, List.of(h.tensor(4, 5)),
                List.of(h.tensor(DType.INT64, 4)), new Params.Reduce(Params.ReduceKind.ARGMAX, 4, 5, 1, false));
        assertTrue(reason(argmax).startsWith("int64 operands"));
        Command isNan = CommandHarness.command(AtomicOp.UNARY, List.of(h.tensor(5)), List.of(h.tensor(DType.BOOL, 5)),
                Params.Unary.of(UnaryKind.IS_NAN));
        assertTrue(reason(isNan).startsWith("bool operands"));
        PlanTensor a = h.tensor(DType.INT32, 2, 2, 2);
        Command intLoop = CommandHarness.command(AtomicOp.LOOP, List.of(a, a), List.of(a), new Params.Loop(2,
                new Command(AtomicOp.MATMUL, "node", List.of(a, a), List.of(a), Params.MatMul.plain(2, 2, 2)),
                List.of(Params.Step.linear(4), Params.Step.linear(4), Params.Step.linear(4))));
        assertTrue(reason(intLoop).startsWith("int32 operands"));
    }

    @Test
    void modesWithoutAKernelAreRefusedNamingTheMode() {
        int n = 6;
        assertTrue(reason(CommandHarness.command(AtomicOp.SOFTMAX, List.of(h.tensor(n)), List.of(h.tensor(n)),
                new Params.Softmax("sparse", 2, 3, 1))).contains("'sparse'"));
        assertTrue(reason(CommandHarness.command(AtomicOp.UNARY, List.of(h.tensor(n)), List.of(h.tensor(n)),
                Params.Unary.of(UnaryKind.SIN))).contains("SIN"));
        assertTrue(reason(CommandHarness.command(AtomicOp.BINARY, List.of(h.tensor(n), h.tensor(n)),
                List.of(h.tensor(n)), new Params.Binary(Params.BinaryKind.MOD))).contains("MOD"));
        assertTrue(reason(CommandHarness.command(AtomicOp.UNARY, List.of(h.tensor(n)), List.of(h.tensor(n)),
                new Params.Unary(UnaryKind.CLIP, 1, -1, null))).contains("out of order"));
        assertTrue(reason(CommandHarness.command(AtomicOp.POOL, List.of(h.tensor(1, 1, 4, 4)),
                List.of(h.tensor(1, 1, 2, 2)), new Params.Pool("lp", new int[] {2, 2}, new int[] {2, 2},
                        new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 1}, false, 2))).contains("lp"));
        // ceil_mode: a 5x5 input with kernel 2 stride 2 pooled to 3x3
        assertTrue(reason(CommandHarness.command(AtomicOp.POOL, List.of(h.tensor(1, 1, 5, 5)),
                List.of(h.tensor(1, 1, 3, 3)), new Params.Pool("max", new int[] {2, 2}, new int[] {2, 2},
                        new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 1}, false, 0))).contains("ceil_mode"));
        assertTrue(reason(CommandHarness.command(AtomicOp.CONV, List.of(h.tensor(1, 1, 3, 3, 3), h.constant(1, 1, 1, 1, 1)),
                List.of(h.tensor(1, 1, 3, 3, 3)), new Params.Conv(1, new int[] {1, 1, 1}, new int[] {1, 1, 1},
                        new int[] {0, 0, 0}, new int[] {1, 1, 1}, null))).contains("rank-5"));
        assertTrue(reason(CommandHarness.command(AtomicOp.SCAN_AXIS, List.of(h.tensor(n)), List.of(h.tensor(n)),
                new Params.ScanAxis("cumsum", 1, n, 1, false, false, 0))).contains("SCAN_AXIS"));
        PlanTensor src = h.tensor(4, 3);
        Command rasterLoop = CommandHarness.command(AtomicOp.LOOP, List.of(src), List.of(h.tensor(4, 3)),
                new Params.Loop(4, new Command(AtomicOp.RASTER, "node", List.of(src), List.of(src),
                        new Params.Raster(List.of(Region.of(0, View.of(0, 0, 0, 1), View.of(0, 0, 0, 1), 1, 1, 3)), null)),
                        List.of(Params.Step.linear(3), Params.Step.linear(3))));
        assertTrue(reason(rasterLoop).contains("MATMUL only"));
    }

    @Test
    void malformedCommandsAreRefusedNotThrown() {
        // operands smaller than m x k says
        assertTrue(reason(CommandHarness.command(AtomicOp.MATMUL, List.of(h.tensor(2, 2), h.tensor(3, 4)),
                List.of(h.tensor(2, 4)), Params.MatMul.plain(2, 4, 3))).contains("operand 0 holds 4 elements, needs 6"));
        // a loop whose table walks past B's end
        PlanTensor a = h.tensor(2, 2, 2);
        PlanTensor b = h.tensor(2, 2);
        PlanTensor y = h.tensor(2, 2, 2);
        Command outside = CommandHarness.command(AtomicOp.LOOP, List.of(a, b), List.of(y), new Params.Loop(2,
                new Command(AtomicOp.MATMUL, "node", List.of(a, b), List.of(y), Params.MatMul.plain(2, 2, 2)),
                List.of(Params.Step.linear(4), Params.Step.table(new int[] {0, 4}), Params.Step.linear(4))));
        assertTrue(reason(outside).contains("outside its tensor"), reason(outside));
        // weights of the wrong shape, an output smaller than the geometry gives (end pads can only grow it)
        assertTrue(reason(CommandHarness.command(AtomicOp.CONV, List.of(h.tensor(1, 3, 5, 5), h.constant(4, 2, 3, 3)),
                List.of(h.tensor(1, 4, 3, 3)), new Params.Conv(1, new int[] {3, 3}, new int[] {1, 1}, new int[] {0, 0},
                        new int[] {1, 1}, null))).contains("weights"));
        assertTrue(reason(CommandHarness.command(AtomicOp.CONV, List.of(h.tensor(1, 3, 5, 5), h.constant(4, 3, 3, 3)),
                List.of(h.tensor(1, 4, 2, 2)), new Params.Conv(1, new int[] {3, 3}, new int[] {1, 1}, new int[] {0, 0},
                        new int[] {1, 1}, null))).contains("does not follow"));
        // transposed-conv weights for another channel count; a resize with one scale for a rank-2 tensor
        assertTrue(reason(CommandHarness.command(AtomicOp.CONV_TRANSPOSE, List.of(h.tensor(1, 3, 4, 4),
                h.constant(2, 2, 2, 2)), List.of(h.tensor(1, 2, 8, 8)), new Params.Conv(1, new int[] {2, 2},
                        new int[] {2, 2}, new int[] {0, 0}, new int[] {1, 1}, null))).contains("do not match"));
        assertTrue(reason(CommandHarness.command(AtomicOp.RESIZE, List.of(h.tensor(2, 3)), List.of(h.tensor(4, 6)),
                new Params.Resize("linear", "half_pixel", "floor", -0.75f, false, 0, new float[] {2}, null)))
                .contains("one scale per axis"));
        // a raster region naming a source that does not exist
        assertTrue(reason(CommandHarness.command(AtomicOp.RASTER, List.of(h.tensor(3)), List.of(h.tensor(3)),
                new Params.Raster(List.of(Region.of(2, View.of(0, 0, 0, 1), View.of(0, 0, 0, 1), 1, 1, 3)), null)))
                .contains("source 2"));
    }

    @Test
    void providerIsFoundByServiceLoaderAndMakesBackendsWithTheConfiguredThreads() {
        BackendProvider p = Backends.find("cpu-simd").orElseThrow();
        assertInstanceOf(SimdBackendProvider.class, p);
        assertEquals(10, p.rank());
        assertTrue(p.hostMemory());
        assertTrue(p.unavailableReason().isEmpty(), "the tests run with --add-modules jdk.incubator.vector");
        assertTrue(Backends.availableNames().contains("cpu-simd"));
        try (var b = p.create(new BackendConfig(3))) {
            SimdBackend simd = assertInstanceOf(SimdBackend.class, b);
            assertEquals(3, simd.threads());
            assertEquals("cpu-simd", simd.name());
            assertEquals(0, simd.copySeconds(1 << 20));
            assertTrue(simd.speed().gemmGflops1() > 0);
        }
    }
}

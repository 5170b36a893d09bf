package org.walle.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Params.UnaryKind;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * The rewrites after planning (broadcast operands, scales folded into convolutions, HardSwish chains), each checked
 * two ways: the commands it leaves, and outputs against an oracle the rewrite cannot touch (loops in the test, or the
 * same graph with its constants fed as inputs, which no rewrite may fold). Tolerance 1e-5 relative to the largest
 * |output| where weights are rescaled (float rounding of {@code w * s} against {@code (x . w) * s}), exact elsewhere.
 */
class PlanRewritesTest {
    private final Random rnd = new Random(7);

    private Tensor random(long... dims) {
        float[] v = new float[Math.toIntExact(Shape.of(dims).size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextFloat() * 4 - 2;
        }
        return Tensor.wrap(Shape.of(dims), v);
    }

    @Test
    void perChannelScalarAndRowOperandsBecomeBroadcastsWithoutRasters() {
        Tensor perChannel = random(4, 1, 1);
        Tensor row = random(5);
        Graph g = new GraphBuilder("bcast").input("x", DType.FLOAT32, Shape.of(1, 4, 3, 5))
                .initializer("c", perChannel).initializer("r", row).initializer("three", Tensor.of(Shape.scalar(), 3))
                .node("add", "Add", List.of("x", "c"), "a")
                .node("sub", "Sub", List.of("three", "a"), "s") // the repeated operand first: 3 - a
                .node("div", "Div", List.of("s", "r"), "y").output("y").build();
        Session session = new Session(g);
        Tensor x = random(1, 4, 3, 5);
        Tensor y = session.run(Map.of("x", x)).get("y");
        ResizeReport report = session.lastReport();
        assertEquals(0, report.atomicCounts().getOrDefault(AtomicOp.RASTER, 0), report.commands().toString());
        assertEquals(3, report.merges().fusedBroadcasts());
        assertEquals(new Params.Broadcast(1, 1, 4, 15), broadcastOf(report.commandsOf("add")));
        assertEquals(new Params.Broadcast(0, 1, 1, 60), broadcastOf(report.commandsOf("sub")));
        assertEquals(new Params.Broadcast(1, 12, 5, 1), broadcastOf(report.commandsOf("div")));
        for (int i = 0; i < 60; i++) {
            float a = x.get(i) + perChannel.get(i / 15);
            assertEquals((3 - a) / row.get(i % 5), y.get(i), "element " + i);
        }
    }

    private static Params.Broadcast broadcastOf(List<Command> commands) {
        assertEquals(1, commands.size(), commands.toString());
        return ((Params.Binary) commands.get(0).params()).broadcast();
    }

    @Test
    void aRepeatedTensorAnotherOpReadsKeepsItsRaster() {
        Graph g = new GraphBuilder("shared").input("x", DType.FLOAT32, Shape.of(2, 3))
                .input("b", DType.FLOAT32, Shape.of(3))
                .node("expand", "Expand", List.of("b", "shape"), "e")
                .initializer("shape", Tensor.ofLongs(Shape.of(2), 2, 3))
                .node("add", "Add", List.of("x", "e"), "y")
                .node("sum", "ReduceSum", List.of("e"), List.of("z"), Map.of("keepdims", 0L)).output("y").output("z")
                .build();
        Session session = new Session(g);
        Map<String, Tensor> out = session.run(Map.of("x", Tensor.of(Shape.of(2, 3), 1, 2, 3, 4, 5, 6),
                "b", Tensor.of(Shape.of(3), 10, 20, 30)));
        assertEquals(0, session.lastReport().merges().fusedBroadcasts(), "ReduceSum reads the expanded tensor too");
        assertEquals(List.of(11f, 22f, 33f, 14f, 25f, 36f), values(out.get("y")));
        assertEquals(120f, out.get("z").get(0));
    }

    private static List<Float> values(Tensor t) {
        List<Float> v = new ArrayList<>();
        for (int i = 0; i < t.getShape().size(); i++) {
            v.add(t.get(i));
        }
        return v;
    }

    /** Conv -> Mul(scale) -> Add(shift) as exporters write BatchNormalization; scale and shift constants or inputs. */
    private static Graph convAffine(Map<String, Tensor> values, boolean depthwise, boolean constants,
            boolean convOutputAlsoOutput) {
        GraphBuilder b = new GraphBuilder("conv-affine").input("x", DType.FLOAT32, values.get("x").getShape())
                .initializer("w", values.get("w")).initializer("bias", values.get("bias"));
        for (String name : List.of("scale", "shift")) {
            if (constants) {
                b.initializer(name, values.get(name));
            } else {
                b.input(name, DType.FLOAT32, values.get(name).getShape());
            }
        }
        b.node("conv", "Conv", List.of("x", "w", "bias"), List.of("c"),
                        Map.of("pads", new long[] {1, 1, 1, 1},
                                "group", depthwise ? values.get("w").getShape().get(0) : 1L))
                .node("mul", "Mul", List.of("c", "scale"), "m")
                .node("add", "Add", List.of("shift", "m"), "y").output("y");
        if (convOutputAlsoOutput) {
            b.output("c");
        }
        return b.build();
    }

    private Map<String, Tensor> convValues(boolean depthwise) {
        int channels = 6;
        return Map.of("x", random(1, channels, 7, 7),
                "w", depthwise ? random(channels, 1, 3, 3) : random(channels, channels, 3, 3),
                "bias", random(channels), "scale", random(channels, 1, 1), "shift", random(channels, 1, 1));
    }

    @Test
    void constantScaleAndShiftFoldIntoTheConvolution() {
        for (boolean depthwise : new boolean[] {false, true}) {
            Map<String, Tensor> values = convValues(depthwise);
            Session folded = new Session(convAffine(values, depthwise, true, false));
            Tensor y = folded.run(Map.of("x", values.get("x"))).get("y");
            ResizeReport report = folded.lastReport();
            assertEquals(2, report.merges().foldedAffines());
            assertEquals(1, report.commands().size(), report.commands().toString());
            assertEquals(depthwise ? AtomicOp.CONV_DEPTHWISE : AtomicOp.CONV, report.commands().get(0).op());

            // the oracle: scale and shift fed at run time, so nothing folds
            Session plain = new Session(convAffine(values, depthwise, false, false));
            Tensor want = plain.run(values).get("y");
            assertEquals(0, plain.lastReport().merges().foldedAffines());
            assertEquals(3, plain.lastReport().commands().size(), plain.lastReport().commands().toString());
            assertClose(want, y, 1e-5);
        }
    }

    @Test
    void aConvolutionWhoseOutputIsAlsoReadElsewhereKeepsItsScale() {
        Map<String, Tensor> values = convValues(false);
        Session s = new Session(convAffine(values, false, true, true));
        Map<String, Tensor> out = s.run(Map.of("x", values.get("x")));
        assertEquals(0, s.lastReport().merges().foldedAffines(), "c is a graph output: it must keep its values");
        Session plain = new Session(convAffine(values, false, false, true));
        Map<String, Tensor> want = plain.run(values);
        assertClose(want.get("c"), out.get("c"), 0);
        assertClose(want.get("y"), out.get("y"), 0);
    }

    private static void assertClose(Tensor want, Tensor got, double relative) {
        double scale = 1;
        for (int i = 0; i < want.getShape().size(); i++) {
            scale = Math.max(scale, Math.abs(want.get(i)));
        }
        for (int i = 0; i < want.getShape().size(); i++) {
            assertEquals(want.get(i), got.get(i), relative * scale, "element " + i);
        }
    }

    @Test
    void anActivationOnlyTheConvolutionFeedsRunsInsideIt() {
        Map<String, Tensor> values = convValues(false);
        for (String activation : List.of("Relu", "HardSwish", "Sigmoid")) {
            Map<Boolean, Map<String, Tensor>> results = new HashMap<>();
            for (boolean convAlsoOutput : new boolean[] {false, true}) {
                GraphBuilder b = new GraphBuilder("conv-act").input("x", DType.FLOAT32, values.get("x").getShape())
                        .initializer("w", values.get("w")).initializer("bias", values.get("bias"))
                        .node("conv", "Conv", List.of("x", "w", "bias"), List.of("c"),
                                Map.of("pads", new long[] {1, 1, 1, 1}))
                        .node("act", activation, List.of("c"), "y").output("y");
                if (convAlsoOutput) {
                    b.output("c");
                }
                Session s = new Session(b.build());
                results.put(convAlsoOutput, s.run(Map.of("x", values.get("x"))));
                List<Command> commands = s.lastReport().commands();
                assertEquals(convAlsoOutput ? 2 : 1, commands.size(), commands.toString());
                assertEquals(convAlsoOutput ? 0 : 1, s.lastReport().merges().convActivations());
                Params.Unary fused = ((Params.Conv) commands.get(0).params()).activation();
                assertEquals(convAlsoOutput ? null : activation.toUpperCase().replace("HARDSWISH", "HARD_SWISH"),
                        fused == null ? null : fused.kind().name());
            }
            // the reference backend applies the fused activation to the stored float output: the same values
            assertClose(results.get(true).get("y"), results.get(false).get("y"), 0);
        }
    }

    private static GraphBuilder clipChain(String name, float clipMax) {
        return new GraphBuilder(name).input("x", DType.FLOAT32, Shape.of(2, 3, 4))
                .initializer("three", Tensor.of(Shape.scalar(), 3)).initializer("six", Tensor.of(Shape.scalar(), 6))
                .initializer("lo", Tensor.of(Shape.scalar(), 0)).initializer("hi", Tensor.of(Shape.scalar(), clipMax))
                .node("add", "Add", List.of("x", "three"), "a")
                .node("clip", "Clip", List.of("a", "lo", "hi"), "c");
    }

    @Test
    void spelledOutHardSwishBecomesOneUnary() {
        for (boolean divideFirst : new boolean[] {false, true}) {
            GraphBuilder b = clipChain("hswish", 6);
            if (divideFirst) {
                b.node("div", "Div", List.of("c", "six"), "d").node("mul", "Mul", List.of("d", "x"), "y");
            } else {
                b.node("mul", "Mul", List.of("x", "c"), "m").node("div", "Div", List.of("m", "six"), "y");
            }
            Session s = new Session(b.output("y").build());
            Tensor x = random(2, 3, 4);
            Tensor y = s.run(Map.of("x", x)).get("y");
            ResizeReport report = s.lastReport();
            assertEquals(1, report.merges().activationChains());
            assertEquals(1, report.commands().size(), report.commands().toString());
            assertEquals(UnaryKind.HARD_SWISH, ((Params.Unary) report.commands().get(0).params()).kind());
            for (int i = 0; i < 24; i++) {
                float v = x.get(i);
                assertEquals(v * Math.min(Math.max(v + 3, 0), 6) / 6, y.get(i), 1e-6, "element " + i);
            }
        }
    }

    @Test
    void spelledOutGeluBecomesOneUnary() {
        for (boolean divide : new boolean[] {false, true}) {
            Graph g = new GraphBuilder("gelu").input("x", DType.FLOAT32, Shape.of(3, 8))
                    .initializer("s", Tensor.of(Shape.scalar(),
                            divide ? (float) Math.sqrt(2) : (float) (1 / Math.sqrt(2))))
                    .initializer("one", Tensor.of(Shape.scalar(), 1))
                    .initializer("half", Tensor.of(Shape.scalar(), 0.5f))
                    .node("scale", divide ? "Div" : "Mul", List.of("x", "s"), "a")
                    .node("erf", "Erf", List.of("a"), "e").node("plus", "Add", List.of("e", "one"), "p")
                    .node("mul", "Mul", List.of("x", "p"), "m").node("half", "Mul", List.of("m", "half"), "y")
                    .output("y").build();
            Session s = new Session(g);
            Tensor x = random(3, 8);
            Tensor y = s.run(Map.of("x", x)).get("y");
            assertEquals(1, s.lastReport().merges().activationChains());
            assertEquals(List.of(UnaryKind.GELU), s.lastReport().commands().stream()
                    .map(c -> ((Params.Unary) c.params()).kind()).toList());
            for (int i = 0; i < 24; i++) {
                double v = x.get(i);
                // erf from its series: the oracle does not share the engine's erf
                assertEquals(0.5 * v * (1 + erfSeries(v / Math.sqrt(2))), y.get(i), 2e-6, "element " + i);
            }
        }
    }

    private static double erfSeries(double z) {
        double sum = 0;
        double term = z;
        for (int n = 0; n < 60; n++) {
            sum += term / (2 * n + 1);
            term *= -z * z / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    @Test
    void otherClipBoundsOrASharedIntermediateStayUnfused() {
        Session relu5 = new Session(clipChain("relu5", 5).node("mul", "Mul", List.of("x", "c"), "m")
                .node("div", "Div", List.of("m", "six"), "y").output("y").build());
        Tensor x = random(2, 3, 4);
        Tensor y = relu5.run(Map.of("x", x)).get("y");
        assertEquals(0, relu5.lastReport().merges().activationChains());
        assertEquals(4, relu5.lastReport().commands().size());
        assertEquals(x.get(5) * Math.min(Math.max(x.get(5) + 3, 0), 5) / 6, y.get(5), 1e-6);

        Session shared = new Session(clipChain("shared", 6).node("mul", "Mul", List.of("x", "c"), "m")
                .node("div", "Div", List.of("m", "six"), "y").output("y").output("c").build());
        Map<String, Tensor> out = shared.run(Map.of("x", x));
        assertEquals(0, shared.lastReport().merges().activationChains(), "the clipped value is a graph output");
        assertEquals(Math.min(Math.max(x.get(3) + 3, 0), 6), out.get("c").get(3), 0);
    }
}

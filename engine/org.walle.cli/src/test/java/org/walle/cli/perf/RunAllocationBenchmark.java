package org.walle.cli.perf;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.walle.engine.graph.Graph;
import org.walle.engine.onnx.OnnxImporter;
import org.walle.engine.runtime.Session;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Heap allocated per {@code Session.run} (this thread, {@code com.sun.management.ThreadMXBean}) and GC count over N
 * runs of a model on one thread, so kernels run on the calling thread and their allocations are counted too. Not a
 * unit test; run (after {@code mvn test-compile} of this module):
 * {@code java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes:target/lib/* \
 * org.walle.cli.perf.RunAllocationBenchmark MODEL.onnx x=1,3,48,192 [runs] [backend]}.
 */
public final class RunAllocationBenchmark {
    private RunAllocationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Graph graph = OnnxImporter.load(Path.of(args[0]));
        String[] spec = args[1].split("=");
        long[] dims = java.util.Arrays.stream(spec[1].split(",")).mapToLong(Long::parseLong).toArray();
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        String backend = args.length > 3 ? args[3] : "cpu-simd";
        Shape shape = Shape.of(dims);
        float[] x = new float[Math.toIntExact(shape.size())];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        Map<String, Tensor> feeds = Map.of(spec[0], Tensor.wrap(shape, x));
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        try (Session s = new Session(graph, SessionOptions.defaults().withBackend(backend).withThreads(1))) {
            for (int i = 0; i < 50; i++) {
                s.run(feeds);
            }
            long gcs = gcCount();
            long before = threads.getThreadAllocatedBytes(tid);
            long start = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                s.run(feeds);
            }
            long nanos = System.nanoTime() - start;
            long bytes = threads.getThreadAllocatedBytes(tid) - before;
            System.out.printf("%s on %s: %d commands, %d runs, %.1f KB allocated per run, %d GCs, %.2f ms per run%n",
                    args[0], backend, s.lastReport().commands().size(), runs, bytes / 1024.0 / runs,
                    gcCount() - gcs, nanos / 1e6 / runs);
        }
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }
}

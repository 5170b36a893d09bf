package org.walle.engine.runtime;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.Set;

import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphException;
import org.walle.engine.graph.Node;
import org.walle.engine.graph.ValueInfo;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.runtime.internal.BackendSearch;
import org.walle.engine.runtime.internal.Measurement;
import org.walle.engine.runtime.internal.Plan;
import org.walle.engine.runtime.internal.Profiler;
import org.walle.engine.runtime.internal.SessionBackends;
import org.walle.engine.runtime.internal.Planner;
import org.walle.engine.runtime.internal.RunState;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Pre-inference: {@link #resize} infers shapes, decomposes into atomic commands, folds constants and plans one
 * memory arena; {@link #run} only binds inputs and runs kernels, resizing first when the feed shapes changed (or
 * the value of an input that shapes depend on, such as a Reshape target fed at run time).
 */
public final class Session implements AutoCloseable {
    private final Graph graph;
    private final OpRegistry registry;
    private final Set<String> valueInputs;
    private Map<String, Shape> lastShapes;
    private Map<String, Tensor> lastValues = Map.of();
    private Plan plan;
    private ResizeReport report;
    private RunState state;
    private final SessionOptions options;
    private final SessionBackends backends;

    public Session(Graph graph) {
        this(graph, OpRegistry.standard());
    }

    /** @throws org.walle.engine.ops.UnsupportedOpException naming the first node whose op is not supported */
    public Session(Graph graph, OpRegistry registry) {
        this(graph, registry, SessionOptions.defaults());
    }

    public Session(Graph graph, SessionOptions options) {
        this(graph, OpRegistry.standard(), options);
    }

    /**
     * @param verticalMerge whether chains of single-region virtual tensors are composed; false materialises every
     *                      intermediate view (the unmerged baseline merge statistics and tests compare against)
     */
    public Session(Graph graph, OpRegistry registry, boolean verticalMerge) {
        this(graph, registry, SessionOptions.defaults().withVerticalMerge(verticalMerge));
    }

    /** @throws GraphException when the options pin a backend that is unknown or cannot run here */
    public Session(Graph graph, OpRegistry registry, SessionOptions options) {
        this.options = options;
        this.graph = graph;
        this.registry = registry;
        for (Node n : graph.nodes()) {
            registry.require(n.name(), n.opType(), graph.opset());
        }
        this.valueInputs = findValueInputs();
        this.backends = SessionBackends.create(options);
    }

    public SessionOptions options() {
        return options;
    }

    /** Graph inputs whose values (not only shapes) shape inference needs; feeding them new values resizes. */
    public Set<String> valueInputs() {
        return Set.copyOf(valueInputs);
    }

    public synchronized ResizeReport resize(Map<String, Shape> inputShapes) {
        for (String in : valueInputs) {
            if (!graph.initializers().containsKey(in)) {
                throw new GraphException(graph.name(), "input '" + in + "' determines shapes: resize by running with its value");
            }
        }
        return resize(inputShapes, Map.of());
    }

    /** Resizes for the shapes of example feeds, taking the values of {@link #valueInputs()} from them. */
    public synchronized ResizeReport resizeFor(Map<String, Tensor> feeds) {
        Map<String, Shape> shapes = new HashMap<>();
        Map<String, Tensor> values = new HashMap<>();
        feeds.forEach((name, t) -> {
            shapes.put(name, t.getShape());
            if (valueInputs.contains(name)) {
                values.put(name, t);
            }
        });
        for (String in : valueInputs) {
            if (!values.containsKey(in) && !graph.initializers().containsKey(in)) {
                throw new GraphException(graph.name(), "input '" + in + "' determines shapes: give its value");
            }
        }
        return resize(shapes, values);
    }

    private ResizeReport resize(Map<String, Shape> inputShapes, Map<String, Tensor> values) {
        long start = System.nanoTime();
        Map<String, Shape> shapes = checkShapes(inputShapes);
        Plan p = new Planner(graph, registry, options.verticalMerge()).plan(shapes, values);
        BackendSearch.Outcome searched = backends.search(options, p.commands());
        RunState s = new RunState(p, searched.steps());
        this.plan = p;
        this.state = s;
        this.lastShapes = shapes;
        this.lastValues = values;
        this.report = new ResizeReport(shapes, p.types(), p.commands(), p.commandsByNode(), p.stats(), s.memory(),
                searched.report(), System.nanoTime() - start);
        return report;
    }

    /** The report of the last resize, or null before the first. */
    public synchronized ResizeReport lastReport() {
        return report;
    }

    public synchronized Map<String, Tensor> run(Map<String, Tensor> feeds) {
        Map<String, Tensor> out = prepare(feeds).run(feeds);
        backends.afterRun();
        return out;
    }

    /**
     * Runs {@code runs} times after {@code warmup} untimed runs and times every command (kernel and copies); the
     * profile names each command's node, backend, algorithm and FLOPs.
     */
    public synchronized Profile profile(Map<String, Tensor> feeds, int warmup, int runs) {
        return profile(feeds, warmup, runs, () -> false);
    }

    /**
     * {@link #profile(Map, int, int)} that a caller can stop: {@code cancelled} is asked before every warm-up and
     * timed run; when it answers true the profile ends with a {@link java.util.concurrent.CancellationException}.
     */
    public synchronized Profile profile(Map<String, Tensor> feeds, int warmup, int runs, BooleanSupplier cancelled) {
        RunState s = prepare(feeds);
        return new Profiler(s, report.search(), options.threads()).profile(feeds, warmup, runs, cancelled);
    }

    /**
     * Measuring mode: runs the graph once and, at each command, times every candidate of every backend on the
     * live operands ({@code runs} times each, after one warm-up), then keeps the fastest measured candidate per
     * command; host backends' candidates are timed in a first run, device backends' in a second (see
     * {@code Measurement.devicePass}). Returns the report with measured costs; later runs use the measured choice
     * until the next resize.
     */
    public synchronized SearchReport measure(Map<String, Tensor> feeds, int runs) {
        return measure(feeds, runs, () -> false);
    }

    /**
     * {@link #measure(Map, int)} that a caller can stop: {@code cancelled} is asked before each command and each timed
     * candidate run; when it answers true the measurement ends with a {@link java.util.concurrent.CancellationException}
     * and the session keeps its previous choice and report.
     */
    public synchronized SearchReport measure(Map<String, Tensor> feeds, int runs, BooleanSupplier cancelled) {
        RunState s = prepare(feeds);
        Measurement m = new Measurement(s, backends, report.search(), runs, cancelled);
        s.run(feeds, m);
        if (backends.all().stream().anyMatch(b -> !b.hostMemory())) {
            m = m.devicePass();
            s.run(feeds, m);
        }
        this.state = m.fastestState(plan);
        this.report = report.withSearch(m.report());
        return report.search();
    }

    /** Releases the backends' buffers (device memory of the OpenCL backend). */
    @Override
    public synchronized void close() {
        backends.close();
    }

    private RunState prepare(Map<String, Tensor> feeds) {
        Map<String, Shape> shapes = new HashMap<>();
        Map<String, Tensor> values = new HashMap<>();
        for (String in : graph.inputs()) {
            Tensor t = feeds.get(in);
            if (t == null) {
                if (graph.initializers().containsKey(in)) {
                    continue;
                }
                throw new GraphException(graph.name(), "missing input '" + in + "'");
            }
            ValueInfo info = graph.value(in).orElse(null);
            if (info != null && info.dtype() != t.getDType()) {
                throw new GraphException(graph.name(), "input '" + in + "' is " + t.getDType() + " but the graph declares "
                        + info.dtype());
            }
            shapes.put(in, t.getShape());
            if (valueInputs.contains(in)) {
                values.put(in, t);
            }
        }
        if (plan == null || !shapes.equals(lastShapes) || !sameValues(values)) {
            resize(shapes, values);
        }
        return state;
    }

    private boolean sameValues(Map<String, Tensor> values) {
        if (!values.keySet().equals(lastValues.keySet())) {
            return false;
        }
        for (Map.Entry<String, Tensor> e : values.entrySet()) {
            Tensor old = lastValues.get(e.getKey());
            Tensor now = e.getValue();
            for (int i = 0; i < now.size(); i++) {
                if (old.getDouble(i) != now.getDouble(i)) {
                    return false;
                }
            }
        }
        return true;
    }

    private Map<String, Shape> checkShapes(Map<String, Shape> given) {
        Map<String, Shape> out = new LinkedHashMap<>();
        for (String in : graph.inputs()) {
            Shape s = given.get(in);
            if (s == null) {
                if (graph.initializers().containsKey(in)) {
                    continue;
                }
                throw new GraphException(graph.name(), "no shape given for input '" + in + "'");
            }
            if (!s.isStatic()) {
                throw new GraphException(graph.name(), "input '" + in + "' needs a concrete shape, got " + s);
            }
            Shape declared = graph.value(in).map(ValueInfo::shape).orElse(null);
            if (declared != null && declared.rank() > 0 && !fits(declared, s)) {
                throw new GraphException(graph.name(), "input '" + in + "' has shape " + s + ", the graph declares " + declared);
            }
            out.put(in, s);
        }
        return out;
    }

    private static boolean fits(Shape declared, Shape actual) {
        if (declared.rank() != actual.rank()) {
            return false;
        }
        for (int i = 0; i < declared.rank(); i++) {
            if (declared.get(i) >= 0 && declared.get(i) != actual.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** Walks back from every input an op reads by value: what computes it must be known too (except Shape-like ops). */
    private Set<String> findValueInputs() {
        Set<String> needed = new HashSet<>();
        List<Node> nodes = graph.nodes();
        for (int k = nodes.size() - 1; k >= 0; k--) {
            Node n = nodes.get(k);
            OpDef def = registry.find(n.opType()).orElseThrow();
            boolean outputNeeded = n.outputs().stream().anyMatch(needed::contains);
            boolean shapeOnly = n.opType().equals("Shape") || n.opType().equals("Size");
            for (int i = 0; i < n.inputs().size(); i++) {
                if (def.needsValue(i) || (outputNeeded && !shapeOnly)) {
                    needed.add(n.inputs().get(i));
                }
            }
        }
        Set<String> inputs = new HashSet<>(graph.inputs());
        inputs.retainAll(needed);
        return inputs;
    }
}

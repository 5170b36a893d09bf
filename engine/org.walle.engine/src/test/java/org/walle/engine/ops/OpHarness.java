package org.walle.engine.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.runtime.Session;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** Builds one-node graphs (runtime inputs and initializers) and runs them through a Session. */
public final class OpHarness {
    private final String op;
    private final Map<String, Object> attrs = new LinkedHashMap<>();
    private final List<String> inputNames = new ArrayList<>();
    private final Map<String, Tensor> feeds = new LinkedHashMap<>();
    private final Map<String, Tensor> constants = new LinkedHashMap<>();
    private int outputs = 1;
    private int opset = 13;

    private OpHarness(String op) {
        this.op = op;
    }

    public static OpHarness op(String op) {
        return new OpHarness(op);
    }

    /** A runtime graph input. */
    public OpHarness in(Tensor t) {
        String name = "in" + inputNames.size();
        inputNames.add(name);
        feeds.put(name, t);
        return this;
    }

    /** An initializer (known at resize time). */
    public OpHarness constant(Tensor t) {
        String name = "c" + inputNames.size();
        inputNames.add(name);
        constants.put(name, t);
        return this;
    }

    public OpHarness absent() {
        inputNames.add("");
        return this;
    }

    public OpHarness attr(String name, Object value) {
        attrs.put(name, value);
        return this;
    }

    public OpHarness outputs(int n) {
        outputs = n;
        return this;
    }

    public OpHarness opset(int v) {
        opset = v;
        return this;
    }

    public Graph graph() {
        GraphBuilder b = new GraphBuilder(op + "-test").opset(opset);
        feeds.forEach((n, t) -> b.input(n, t.getDType(), t.getShape()));
        constants.forEach(b::initializer);
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            outs.add("out" + i);
            b.output("out" + i);
        }
        b.node("node", op, inputNames, outs, attrs);
        return b.build();
    }

    public Session session() {
        return new Session(graph());
    }

    public Tensor run() {
        return runAll().get(0);
    }

    public List<Tensor> runAll() {
        Map<String, Tensor> r = session().run(feeds);
        return new ArrayList<>(r.values());
    }

    public static Tensor random(Random rnd, long... dims) {
        Shape s = Shape.of(dims);
        float[] v = new float[(int) s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round((rnd.nextFloat() * 2 - 1) * 1000) / 100f;
        }
        return Tensor.wrap(s, v);
    }

    public static long[] randomDims(Random rnd, int rank, int max) {
        long[] d = new long[rank];
        for (int i = 0; i < rank; i++) {
            d[i] = 1 + rnd.nextInt(max);
        }
        return d;
    }
}

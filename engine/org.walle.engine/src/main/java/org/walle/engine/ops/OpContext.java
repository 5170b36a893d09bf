package org.walle.engine.ops;

import java.util.List;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.decompose.Region;
import org.walle.engine.graph.GraphException;
import org.walle.engine.graph.Node;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * What a shape function and a decomposition see of one node while a graph is resized: attributes, input types,
 * input values known at resize time, and (decomposition only) the methods that emit atomic commands.
 */
public abstract class OpContext {
    private final Node node;
    private final int opset;
    private final java.util.Map<String, Object> memo = new java.util.HashMap<>();

    protected OpContext(Node node, int opset) {
        this.node = node;
        this.opset = opset;
    }

    public Node node() {
        return node;
    }

    public int opset() {
        return opset;
    }

    // ---- attributes (types as the importer produces them: Long, Float, String, long[], float[], Tensor)

    public boolean hasAttr(String name) {
        return node.attributes().containsKey(name);
    }

    public long attrInt(String name, long fallback) {
        Object v = node.attributes().get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw error("attribute " + name + " should be an int, got " + v.getClass().getSimpleName());
    }

    public float attrFloat(String name, float fallback) {
        Object v = node.attributes().get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Float f) {
            return f;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw error("attribute " + name + " should be a float, got " + v.getClass().getSimpleName());
    }

    public String attrString(String name, String fallback) {
        Object v = node.attributes().get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof String s) {
            return s;
        }
        throw error("attribute " + name + " should be a string, got " + v.getClass().getSimpleName());
    }

    /** An INTS attribute, or null when absent. */
    public long[] attrInts(String name) {
        Object v = node.attributes().get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof long[] a) {
            return a.clone();
        }
        if (v instanceof Long l) {
            return new long[] {l};
        }
        throw error("attribute " + name + " should be ints, got " + v.getClass().getSimpleName());
    }

    /** A FLOATS attribute, or null when absent. */
    public float[] attrFloats(String name) {
        Object v = node.attributes().get(name);
        if (v == null) {
            return null;
        }
        if (v instanceof float[] a) {
            return a.clone();
        }
        throw error("attribute " + name + " should be floats, got " + v.getClass().getSimpleName());
    }

    public Tensor attrTensor(String name) {
        Object v = node.attributes().get(name);
        if (v == null || v instanceof Tensor) {
            return (Tensor) v;
        }
        throw error("attribute " + name + " should be a tensor, got " + v.getClass().getSimpleName());
    }

    // ---- inputs

    public int inputCount() {
        return node.inputs().size();
    }

    /** Whether optional input i is given (present in the list and not the empty name). */
    public boolean hasInput(int i) {
        return i < node.inputs().size() && !node.inputs().get(i).isEmpty();
    }

    public abstract TensorType inputType(int i);

    public Shape inputShape(int i) {
        return inputType(i).shape();
    }

    /** The value of input i when it is known at resize time (initializer, folded, or fed shape input), else null. */
    public abstract Tensor valueOrNull(int i);

    /** The value of input i, which must be known at resize time. */
    public Tensor value(int i) {
        Tensor t = valueOrNull(i);
        if (t == null) {
            throw error("input " + i + " ('" + node.inputs().get(i) + "') must be known when shapes are inferred");
        }
        return t;
    }

    public long[] longs(int i) {
        Tensor t = value(i);
        long[] out = new long[t.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = t.getLong(j);
        }
        return out;
    }

    // ---- decomposition (valid after shape inference)

    public abstract TensorType outputType(int i);

    public abstract PlanTensor in(int i);

    /** A fresh real tensor for output i, with its inferred type. */
    public abstract PlanTensor out(int i);

    /** Binds output i to an existing tensor (virtual or real) of the inferred type's size. */
    public abstract void setOutput(int i, PlanTensor t);

    /** A fresh real temporary tensor. */
    public abstract PlanTensor temp(DType dtype, Shape shape);

    public abstract PlanTensor constant(Tensor value);

    /**
     * A virtual tensor: the given regions over {@code sources} (region.source indexes that list); elements no
     * region writes take {@code fill} (null when the regions cover everything). Chains are merged vertically.
     */
    public abstract PlanTensor view(DType dtype, Shape shape, List<PlanTensor> sources, List<Region> regions,
            Double fill);

    /** The tensor itself if real, else its materialisation (needed before building a Loop body over it). */
    public abstract PlanTensor realize(PlanTensor t);

    /**
     * Plans a subgraph (an If branch taken, one Loop iteration) inline: its inputs are bound to {@code inputs}, its
     * nodes become commands of the enclosing plan, the values it reads from enclosing graphs resolve to their plan
     * tensors, and the tensors of its outputs are returned. Each call plans the body again: shape inference and
     * decomposition share one inlining through {@link #once}.
     */
    public abstract List<PlanTensor> inline(org.walle.engine.graph.Graph body, List<PlanTensor> inputs);

    /**
     * Work that shape inference and decomposition of this node both need (a body planned inline, which must not
     * emit its commands twice): computed on the first call for {@code key}, the same result afterwards.
     */
    @SuppressWarnings("unchecked")
    public final <T> T once(String key, java.util.function.Supplier<T> work) {
        Object done = memo.get(key);
        if (done == null) {
            done = work.get();
            memo.put(key, done);
        }
        return (T) done;
    }

    /** Emits one atomic command; virtual inputs are materialised by a Raster first. */
    public abstract void emit(AtomicOp op, Params params, List<PlanTensor> inputs, List<PlanTensor> outputs);

    // ---- errors

    public GraphException error(String message) {
        return new GraphException(node.name(), node.opType() + ": " + message);
    }

    public UnsupportedOpException unsupported(String detail) {
        return new UnsupportedOpException(node.name(), node.opType(), opset, detail);
    }
}

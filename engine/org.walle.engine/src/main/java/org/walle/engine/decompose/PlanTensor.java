package org.walle.engine.decompose;

import java.util.List;

import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * A tensor of a resized plan. Real tensors own storage (a graph input, a constant, or a slot of the memory arena);
 * a virtual tensor owns none and is described by regions over its sources until a real op reads it.
 */
public final class PlanTensor {
    /** Where a tensor's elements live. */
    public enum Kind {
        INPUT, CONSTANT, ARENA, VIRTUAL,
        /** Shares the storage of another real tensor under a new shape (a reshape needs no copy). */
        ALIAS
    }

    private final int id;
    private final String name;
    private final DType dtype;
    private final Shape shape;
    private Kind kind;
    private Tensor constant;
    private List<PlanTensor> sources = List.of();
    private List<Region> regions = List.of();
    private Double fill;
    private PlanTensor aliasOf;
    private long size = -1; // shape.size(), computed once: kernels and planners ask for it in loops

    public PlanTensor(int id, String name, DType dtype, Shape shape, Kind kind) {
        if (!shape.isStatic()) {
            throw new IllegalArgumentException("plan tensor " + name + " needs a static shape, got " + shape);
        }
        this.id = id;
        this.name = name;
        this.dtype = dtype;
        this.shape = shape;
        this.kind = kind;
    }

    public static PlanTensor constant(int id, String name, Tensor value) {
        PlanTensor t = new PlanTensor(id, name, value.getDType(), value.getShape(), Kind.CONSTANT);
        t.constant = value;
        return t;
    }

    public static PlanTensor virtual(int id, String name, DType dtype, Shape shape, List<PlanTensor> sources,
            List<Region> regions, Double fill) {
        PlanTensor t = new PlanTensor(id, name, dtype, shape, Kind.VIRTUAL);
        t.sources = List.copyOf(sources);
        t.regions = List.copyOf(regions);
        t.fill = fill;
        return t;
    }

    /** A new shape over the storage of {@code root} (followed to the tensor that really owns storage). */
    public static PlanTensor alias(int id, String name, Shape shape, PlanTensor root) {
        PlanTensor owner = root.kind == Kind.ALIAS ? root.aliasOf : root;
        PlanTensor t = new PlanTensor(id, name, owner.dtype, shape, Kind.ALIAS);
        t.aliasOf = owner;
        return t;
    }

    /** The tensor owning this one's storage: itself unless this is an alias. */
    public PlanTensor storageOwner() {
        return kind == Kind.ALIAS ? aliasOf : this;
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    public Shape shape() {
        return shape;
    }

    public int elements() {
        return Math.toIntExact(size());
    }

    public long bytes() {
        return size() * dtype.byteSize();
    }

    private long size() {
        if (size < 0) {
            size = shape.size();
        }
        return size;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isVirtual() {
        return kind == Kind.VIRTUAL;
    }

    /** The value of a CONSTANT tensor, else null. */
    public Tensor constant() {
        return constant;
    }

    /** Turns this tensor into a constant (constant folding), dropping any regions. */
    public void fold(Tensor value) {
        this.kind = Kind.CONSTANT;
        this.constant = value;
        this.sources = List.of();
        this.regions = List.of();
        this.fill = null;
    }

    public List<PlanTensor> sources() {
        return sources;
    }

    public List<Region> regions() {
        return regions;
    }

    /** The value elements not covered by any region take, or null when the regions cover every element. */
    public Double fill() {
        return fill;
    }

    @Override
    public String toString() {
        return name + "<" + dtype + ">" + shape + (kind == Kind.ARENA ? "" : "(" + kind.name().toLowerCase() + ")");
    }
}

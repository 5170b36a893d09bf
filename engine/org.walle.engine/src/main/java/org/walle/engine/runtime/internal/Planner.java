package org.walle.engine.runtime.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.MergeStats;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.decompose.Region;
import org.walle.engine.decompose.Regions;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphException;
import org.walle.engine.graph.Node;
import org.walle.engine.graph.ValueInfo;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Resizes a graph for concrete input shapes: per node in order, infer output types, decompose into atomic commands
 * (virtual tensors, lazy rasters, vertical merges) and fold the node to constants when all its inputs are known.
 */
public final class Planner {
    private final Graph graph;
    private final OpRegistry registry;
    final Map<String, PlanTensor> values = new LinkedHashMap<>();
    final Map<String, TensorType> types = new LinkedHashMap<>();
    private final List<Command> commands = new ArrayList<>();
    private final Map<String, List<Command>> byNode = new LinkedHashMap<>();
    private final Map<PlanTensor, PlanTensor> materialised = new IdentityHashMap<>();
    private int nextId;
    int virtualTensors;
    int verticalMerges;
    int refusedMerges;
    private int aliases;
    private int folded;

    final boolean verticalMerge;

    /** @param verticalMerge compose chained single-region views (off only to measure or test what merging saves) */
    public Planner(Graph graph, OpRegistry registry, boolean verticalMerge) {
        this.graph = graph;
        this.registry = registry;
        this.verticalMerge = verticalMerge;
    }

    /**
     * @param inputShapes a shape for every graph input
     * @param knownInputs graph inputs whose values shape inference needs (treated as constants of this resize)
     */
    public Plan plan(Map<String, Shape> inputShapes, Map<String, Tensor> knownInputs) {
        graph.initializers().forEach((name, t) -> bind(name, PlanTensor.constant(nextId++, name, t)));
        Map<String, PlanTensor> inputs = new LinkedHashMap<>();
        for (String in : graph.inputs()) {
            if (values.containsKey(in)) {
                continue; // an initializer listed as input too (old ONNX style): its default value stands
            }
            Tensor known = knownInputs.get(in);
            if (known != null) {
                bind(in, PlanTensor.constant(nextId++, in, known));
                continue;
            }
            ValueInfo info = graph.value(in).orElseThrow(() -> new GraphException(graph.name(), "input " + in + " has no type"));
            PlanTensor t = new PlanTensor(nextId++, in, info.dtype(), inputShapes.get(in), PlanTensor.Kind.INPUT);
            inputs.put(in, t);
            bind(in, t);
        }
        for (Node node : graph.nodes()) {
            planNode(node);
        }
        Map<String, PlanTensor> outputs = new LinkedHashMap<>();
        List<Command> tail = new ArrayList<>();
        for (String out : graph.outputs()) {
            PlanTensor t = values.get(out);
            if (t.isVirtual()) {
                t = materialise(t, tail, "output " + out);
            }
            outputs.put(out, t);
        }
        commands.addAll(tail);
        MergeStats stats = new MergeStats(virtualTensors, verticalMerges, refusedMerges, count(AtomicOp.RASTER, false),
                rasterRegions(), count(AtomicOp.RASTER, true), aliases, folded);
        return new Plan(inputs, outputs, commands, byNode, types, stats);
    }

    private void planNode(Node node) {
        OpDef def = registry.require(node.name(), node.opType(), graph.opset());
        NodeContext ctx = new NodeContext(this, node, graph.opset());
        List<TensorType> outTypes;
        try {
            outTypes = def.shape().infer(ctx);
        } catch (GraphException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new GraphException(node.name(), node.opType() + ": shape inference failed: " + e);
        }
        for (int i = 0; i < outTypes.size() && i < node.outputs().size(); i++) {
            if (!outTypes.get(i).shape().isStatic()) {
                throw new GraphException(node.name(), "output " + i + " has unresolved shape " + outTypes.get(i).shape());
            }
        }
        ctx.setOutputTypes(outTypes);
        boolean foldable = true;
        for (int i = 0; i < node.inputs().size(); i++) {
            String in = node.inputs().get(i);
            if (!in.isEmpty() && values.get(in).kind() != PlanTensor.Kind.CONSTANT) {
                foldable = false;
            }
        }
        try {
            def.decomposition().decompose(ctx);
        } catch (GraphException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new GraphException(node.name(), node.opType() + ": decomposition failed: " + e);
        }
        List<PlanTensor> outs = ctx.boundOutputs();
        if (foldable) {
            List<Tensor> results = FoldExecutor.fold(ctx.commands(), outs);
            for (int i = 0; i < outs.size(); i++) {
                if (outs.get(i) != null) {
                    String name = node.outputs().get(i);
                    bind(name, PlanTensor.constant(nextId++, name, results.get(i)));
                }
            }
            folded++;
            return;
        }
        commands.addAll(ctx.commands());
        byNode.put(node.name(), ctx.commands());
        for (int i = 0; i < outs.size(); i++) {
            if (outs.get(i) != null) {
                bind(node.outputs().get(i), outs.get(i));
            }
        }
    }

    private void bind(String name, PlanTensor t) {
        values.put(name, t);
        types.put(name, new TensorType(t.dtype(), t.shape()));
    }

    PlanTensor lookup(Node node, String name) {
        PlanTensor t = values.get(name);
        if (t == null) {
            throw new GraphException(node.name(), "input '" + name + "' has no value yet");
        }
        return t;
    }

    int newId() {
        return nextId++;
    }

    /**
     * The real tensor a consumer reads for a virtual one: a free alias for a plain reshape, else a Raster command
     * appended to {@code sink} (once per virtual tensor: later readers share it).
     */
    PlanTensor materialise(PlanTensor v, List<Command> sink, String node) {
        PlanTensor done = materialised.get(v);
        if (done != null) {
            return done;
        }
        List<Region> regions = v.regions();
        if (v.fill() == null && regions.size() == 1 && Regions.isIdentity(regions.get(0), v.elements())
                && v.sources().get(0).elements() == v.elements()) {
            PlanTensor src = v.sources().get(0);
            done = src.kind() == PlanTensor.Kind.CONSTANT
                    ? PlanTensor.constant(nextId++, v.name(), src.constant().reshape(v.shape()))
                    : PlanTensor.alias(nextId++, v.name(), v.shape(), src);
            aliases++;
        } else {
            done = new PlanTensor(nextId++, v.name(), v.dtype(), v.shape(), PlanTensor.Kind.ARENA);
            sink.add(new Command(AtomicOp.RASTER, node, v.sources(), List.of(done), new Params.Raster(regions, v.fill())));
        }
        materialised.put(v, done);
        return done;
    }

    private int count(AtomicOp op, boolean multiRegionOnly) {
        return (int) commands.stream().filter(c -> c.op() == op)
                .filter(c -> !multiRegionOnly || ((Params.Raster) c.params()).regions().size() > 1).count();
    }

    private int rasterRegions() {
        return commands.stream().filter(c -> c.op() == AtomicOp.RASTER)
                .mapToInt(c -> ((Params.Raster) c.params()).regions().size()).sum();
    }
}

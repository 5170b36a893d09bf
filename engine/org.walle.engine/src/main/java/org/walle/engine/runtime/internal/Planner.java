package org.walle.engine.runtime.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
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
 * A subgraph taken at resize time (an If branch) is planned inline in a scope of its own: its values shadow the
 * enclosing ones, and what it reads from enclosing graphs resolves to their plan tensors.
 */
public final class Planner {
    private final Graph graph;
    private final OpRegistry registry;
    final Map<String, PlanTensor> values = new LinkedHashMap<>();
    /** Values of the subgraphs being inlined, innermost first; empty while planning the main graph. */
    private final Deque<Map<String, PlanTensor>> innerScopes = new ArrayDeque<>();
    /** Prepended to node names in {@code byNode} while inlining: "If_0/" for the nodes of If_0's branch. */
    private String nodePrefix = "";
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
            planNode(node, graph.opset());
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
        int fusedBroadcasts = BroadcastFusion.fuse(commands, byNode, outputs.values());
        int foldedAffines = ConvAffineFolding.fold(commands, byNode, outputs.values(), this::newId);
        int activationChains = HardSwishFusion.fuse(commands, byNode, outputs.values())
                + GeluFusion.fuse(commands, byNode, outputs.values());
        int activations = ConvActivationFusion.fuse(commands, byNode, outputs.values());
        MergeStats stats = new MergeStats(virtualTensors, verticalMerges, refusedMerges, count(AtomicOp.RASTER, false),
                rasterRegions(), count(AtomicOp.RASTER, true), aliases, folded, fusedBroadcasts, foldedAffines,
                activationChains, activations);
        return new Plan(inputs, outputs, commands, byNode, types, stats);
    }

    private void planNode(Node node, int opset) {
        OpDef def = registry.require(node.name(), node.opType(), opset);
        NodeContext ctx = new NodeContext(this, node, opset);
        int before = commands.size();
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
        // a node with subgraphs emits nothing itself: its inlined nodes were planned (and folded) one by one
        boolean foldable = Graph.subgraphs(node).isEmpty();
        for (int i = 0; i < node.inputs().size(); i++) {
            String in = node.inputs().get(i);
            if (!in.isEmpty() && lookup(node, in).kind() != PlanTensor.Kind.CONSTANT) {
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
        CommandFolding.fold(ctx.commands());
        List<Command> own = new ArrayList<>(commands.subList(before, commands.size()));
        own.addAll(ctx.commands());
        commands.addAll(ctx.commands());
        byNode.put(nodePrefix + node.name(), own);
        for (int i = 0; i < outs.size(); i++) {
            if (outs.get(i) != null) {
                bind(node.outputs().get(i), outs.get(i));
            }
        }
    }

    /**
     * Plans {@code body} (a subgraph of {@code owner}) inline with its inputs bound to {@code inputs} and returns its
     * output tensors.
     */
    List<PlanTensor> inline(Node owner, Graph body, List<PlanTensor> inputs) {
        if (body.inputs().size() != inputs.size()) {
            throw new GraphException(owner.name(), owner.opType() + ": subgraph '" + body.name() + "' takes "
                    + body.inputs().size() + " inputs " + body.inputs() + ", the node gives it " + inputs.size());
        }
        String outerPrefix = nodePrefix;
        innerScopes.push(new HashMap<>());
        nodePrefix = outerPrefix + owner.name() + "/";
        try {
            for (int i = 0; i < inputs.size(); i++) {
                bind(body.inputs().get(i), inputs.get(i));
            }
            body.initializers().forEach((name, t) -> bind(name, PlanTensor.constant(nextId++, name, t)));
            // opsets are imported per model in ONNX: a body follows its main graph's, whatever its builder said
            for (Node node : body.nodes()) {
                planNode(node, graph.opset());
            }
            List<PlanTensor> outs = new ArrayList<>();
            for (String out : body.outputs()) {
                outs.add(lookup(owner, out));
            }
            return outs;
        } finally {
            innerScopes.pop();
            nodePrefix = outerPrefix;
        }
    }

    private void bind(String name, PlanTensor t) {
        TensorType type = new TensorType(t.dtype(), t.shape());
        if (innerScopes.isEmpty()) {
            values.put(name, t);
            types.put(name, type);
        } else {
            innerScopes.peek().put(name, t);
            types.put(nodePrefix + name, type); // "If_0/v"; a Loop plans its body per iteration: the last wins
        }
    }

    /** The tensor a name denotes in the current scope: the innermost subgraph defining it, else the main graph. */
    PlanTensor lookup(Node node, String name) {
        PlanTensor t = null;
        for (Map<String, PlanTensor> scope : innerScopes) {
            t = scope.get(name);
            if (t != null) {
                break;
            }
        }
        if (t == null) {
            t = values.get(name);
        }
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

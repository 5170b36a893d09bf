package org.walle.engine.runtime.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.decompose.Region;
import org.walle.engine.decompose.Regions;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.Node;
import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** The planner's view of one node: resolves inputs, records emitted commands, merges chained virtual tensors. */
final class NodeContext extends OpContext {
    private final Planner planner;
    private final List<Command> commands = new ArrayList<>();
    private List<TensorType> outputTypes = List.of();
    private PlanTensor[] outputs;

    NodeContext(Planner planner, Node node, int opset) {
        super(node, opset);
        this.planner = planner;
        this.outputs = new PlanTensor[node.outputs().size()];
    }

    void setOutputTypes(List<TensorType> types) {
        this.outputTypes = List.copyOf(types);
    }

    List<Command> commands() {
        return commands;
    }

    List<PlanTensor> boundOutputs() {
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] == null && !node().outputs().get(i).isEmpty() && i < outputTypes.size()) {
                throw error("decomposition left output " + i + " unbound");
            }
        }
        return Arrays.asList(outputs);
    }

    @Override
    public TensorType inputType(int i) {
        if (!hasInput(i)) {
            throw error("input " + i + " is missing");
        }
        PlanTensor t = planner.lookup(node(), node().inputs().get(i));
        return new TensorType(t.dtype(), t.shape());
    }

    @Override
    public Tensor valueOrNull(int i) {
        if (!hasInput(i)) {
            return null;
        }
        PlanTensor t = planner.lookup(node(), node().inputs().get(i));
        return t.kind() == PlanTensor.Kind.CONSTANT ? t.constant() : null;
    }

    @Override
    public TensorType outputType(int i) {
        if (i >= outputTypes.size()) {
            throw error("no inferred type for output " + i);
        }
        return outputTypes.get(i);
    }

    @Override
    public PlanTensor in(int i) {
        if (!hasInput(i)) {
            throw error("input " + i + " is missing");
        }
        return planner.lookup(node(), node().inputs().get(i));
    }

    @Override
    public PlanTensor out(int i) {
        TensorType t = outputType(i);
        PlanTensor p = new PlanTensor(planner.newId(), node().outputs().get(i), t.dtype(), t.shape(), PlanTensor.Kind.ARENA);
        outputs[i] = p;
        return p;
    }

    @Override
    public void setOutput(int i, PlanTensor t) {
        TensorType want = outputType(i);
        if (t.shape().size() != want.shape().size() || t.dtype() != want.dtype()) {
            throw error("output " + i + " should be " + want + ", decomposition gave " + t);
        }
        if (!t.shape().equals(want.shape())) {
            String name = node().outputs().get(i);
            t = switch (t.kind()) {
                case VIRTUAL -> PlanTensor.virtual(planner.newId(), name, t.dtype(), want.shape(), t.sources(), t.regions(), t.fill());
                case CONSTANT -> PlanTensor.constant(planner.newId(), name, t.constant().reshape(want.shape()));
                default -> PlanTensor.alias(planner.newId(), name, want.shape(), t);
            };
        }
        outputs[i] = t;
    }

    @Override
    public PlanTensor temp(DType dtype, Shape shape) {
        return new PlanTensor(planner.newId(), node().name() + "#t" + commands.size(), dtype, shape, PlanTensor.Kind.ARENA);
    }

    @Override
    public PlanTensor constant(Tensor value) {
        return PlanTensor.constant(planner.newId(), node().name() + "#c", value);
    }

    @Override
    public PlanTensor view(DType dtype, Shape shape, List<PlanTensor> sources, List<Region> regions, Double fill) {
        List<PlanTensor> realSources = new ArrayList<>();
        List<Region> merged = new ArrayList<>();
        for (Region r : regions) {
            PlanTensor src = sources.get(r.source());
            if (planner.verticalMerge && src.isVirtual() && src.fill() == null && src.regions().size() == 1) {
                Optional<Region> composed = Regions.compose(r, src.regions().get(0), src.elements());
                if (composed.isPresent()) {
                    planner.verticalMerges++;
                    merged.add(composed.get().withSource(indexOf(realSources, src.sources().get(0))));
                    continue;
                }
                planner.refusedMerges++;
            }
            PlanTensor real = src.isVirtual() ? planner.materialise(src, commands, node().name()) : src;
            merged.add(r.withSource(indexOf(realSources, real)));
        }
        planner.virtualTensors++;
        String name = node().name() + "#v" + planner.virtualTensors;
        return PlanTensor.virtual(planner.newId(), name, dtype, shape, realSources, merged, fill);
    }

    private static int indexOf(List<PlanTensor> list, PlanTensor t) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == t) {
                return i;
            }
        }
        list.add(t);
        return list.size() - 1;
    }

    @Override
    public PlanTensor realize(PlanTensor t) {
        return t.isVirtual() ? planner.materialise(t, commands, node().name()) : t;
    }

    @Override
    public List<PlanTensor> inline(Graph body, List<PlanTensor> inputs) {
        return planner.inline(node(), body, inputs);
    }

    @Override
    public void emit(AtomicOp op, Params params, List<PlanTensor> inputs, List<PlanTensor> outs) {
        List<PlanTensor> real = new ArrayList<>();
        for (PlanTensor t : inputs) {
            real.add(t != null && t.isVirtual() ? planner.materialise(t, commands, node().name()) : t);
        }
        commands.add(new Command(op, node().name(), real, outs, params));
    }
}

package org.walle.engine.onnx.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.graph.GraphException;
import org.walle.engine.graph.ValueInfo;
import org.walle.engine.onnx.OnnxModelException;
import org.walle.engine.onnx.OnnxUnsupportedException;
import org.walle.engine.onnx.internal.proto.OnnxProto.AttributeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.GraphProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.NodeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.TensorProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.ValueInfoProto;
import org.walle.engine.tensor.Tensor;

/**
 * Decodes a {@link GraphProto} (the main graph or an If/Loop/Scan body) into an engine {@link Graph}. Structural
 * checks (dangling inputs, double producers, cycles) are the {@link GraphBuilder}'s; its errors are re-thrown as
 * {@link OnnxModelException} with the same node name.
 */
public final class GraphDecoder {
    private final Path baseDir;
    private final int opset;

    public GraphDecoder(Path baseDir, int opset) {
        this.baseDir = baseDir;
        this.opset = opset;
    }

    /** Decodes a model's main graph. */
    public Graph decode(GraphProto g) {
        return decode(g, Set.of(), false);
    }

    /** Decodes a graph; {@code outerScope} holds the names a subgraph may read from the graphs around it. */
    private Graph decode(GraphProto g, Set<String> outerScope, boolean subgraph) {
        String graphName = g.getName().isEmpty() ? "graph" : g.getName();
        if (!g.getSparseInitializerList().isEmpty()) {
            throw new OnnxUnsupportedException(graphName, "sparse initializers are not supported");
        }
        GraphBuilder b = new GraphBuilder(graphName).outerScope(outerScope);
        if (opset > 0) {
            b.opset(opset);
        }
        Map<String, Tensor> initializers = initializers(g, b);
        for (ValueInfoProto in : g.getInputList()) {
            // before IR 4 every initializer was also listed as an input; the initializer wins, so it is not fed
            if (!initializers.containsKey(in.getName())) {
                ValueInfo v = TypeDecoder.decode(in, "graph input", subgraph);
                b.input(v.name(), v.dtype(), v.shape());
            }
        }
        for (ValueInfoProto vi : g.getValueInfoList()) {
            valueInfoIfTensor(vi).ifPresent(b::value);
        }
        Set<String> visible = new HashSet<>(outerScope);
        visible.addAll(initializers.keySet());
        g.getInputList().forEach(i -> visible.add(i.getName()));
        g.getNodeList().forEach(n -> visible.addAll(n.getOutputList()));
        addNodes(g, b, visible, graphName);
        for (ValueInfoProto out : g.getOutputList()) {
            b.value(TypeDecoder.decode(out, "graph output", subgraph));
            b.output(out.getName());
        }
        try {
            return b.build();
        } catch (GraphException e) {
            throw asModelError(e);
        }
    }

    private Map<String, Tensor> initializers(GraphProto g, GraphBuilder b) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (TensorProto t : g.getInitializerList()) {
            String where = "initializer '" + t.getName() + "'";
            if (t.getName().isEmpty()) {
                throw new OnnxModelException("initializer", "an initializer has no name");
            }
            if (out.put(t.getName(), TensorDecoder.decode(t, where, baseDir)) != null) {
                throw new OnnxModelException(where, "is defined twice");
            }
            b.initializer(t.getName(), out.get(t.getName()));
        }
        return out;
    }

    private static Optional<ValueInfo> valueInfoIfTensor(ValueInfoProto vi) {
        try {
            return Optional.of(TypeDecoder.decode(vi, "value"));
        } catch (OnnxUnsupportedException e) {
            // an intermediate value of a type the engine lacks: the node producing it will be reported instead
            return Optional.empty();
        }
    }

    private void addNodes(GraphProto g, GraphBuilder b, Set<String> visible, String graphName) {
        Set<String> usedNames = new HashSet<>();
        List<String> names = new ArrayList<>(g.getNodeCount());
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            names.add(nodeName(n, i, usedNames));
            if (n.getOpType().isEmpty()) {
                throw new OnnxModelException(names.get(i), "node " + i + " of " + graphName + " has no op_type");
            }
        }
        CycleCheck.requireAcyclic(g.getNodeList(), names);
        AttributeDecoder attributes = new AttributeDecoder(baseDir, sub -> decode(sub, visible, true));
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            String name = names.get(i);
            String opType = opType(n);
            Map<String, Object> attrs = new LinkedHashMap<>();
            for (AttributeProto a : n.getAttributeList()) {
                if (attrs.put(a.getName(), attributes.decode(a, name, opType)) != null) {
                    throw new OnnxModelException(name, opType + " attribute '" + a.getName() + "' is given twice");
                }
            }
            b.node(name, opType, n.getInputList(), outputs(n, name), attrs);
        }
    }

    /** Node names are optional and may repeat in ONNX; the engine names errors by node, so make them unique. */
    private static String nodeName(NodeProto n, int index, Set<String> used) {
        String base = n.getName().isEmpty() ? (n.getOpType().isEmpty() ? "node" : n.getOpType()) + "_" + index
                : n.getName();
        String name = base;
        for (int k = 2; used.contains(name); k++) {
            name = base + "#" + k;
        }
        used.add(name);
        return name;
    }

    /** Ops of other domains keep their domain so that "unsupported op" names them fully. */
    private static String opType(NodeProto n) {
        String domain = n.getDomain();
        return domain.isEmpty() || domain.equals("ai.onnx") ? n.getOpType() : domain + ":" + n.getOpType();
    }

    /**
     * Trailing empty outputs are absent optional outputs and are dropped; an empty one in the middle gets a private
     * name so that two nodes never both "produce" the empty name.
     */
    private static List<String> outputs(NodeProto n, String nodeName) {
        List<String> outs = new ArrayList<>(n.getOutputList());
        while (!outs.isEmpty() && outs.get(outs.size() - 1).isEmpty()) {
            outs.remove(outs.size() - 1);
        }
        for (int i = 0; i < outs.size(); i++) {
            if (outs.get(i).isEmpty()) {
                outs.set(i, nodeName + "#unused_output_" + i);
            }
        }
        return outs;
    }

    private static OnnxModelException asModelError(GraphException e) {
        OnnxModelException m = new OnnxModelException(e.where(), e.getMessage().substring(e.where().length() + 2));
        m.initCause(e);
        return m;
    }
}

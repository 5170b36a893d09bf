package org.walle.engine.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.ui.views.properties.IPropertyDescriptor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.eclipse.ui.views.properties.PropertyDescriptor;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.Node;
import org.walle.engine.tensor.Tensor;

/** An operator in the Properties view: general facts, inputs and outputs with types and shapes, attributes. */
final class NodePropertySource implements IPropertySource {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<IPropertyDescriptor> descriptors = new ArrayList<>();

    NodePropertySource(Graph graph, Node node) {
        put(Messages.propGeneral, Messages.propName, node.name());
        put(Messages.propGeneral, Messages.propOpType, node.opType());
        for (int i = 0; i < node.inputs().size(); i++) {
            put(Messages.propInputs, "#" + i + " " + node.inputs().get(i), NodeDescriber.valueSummary(graph,
                    node.inputs().get(i)));
        }
        for (int i = 0; i < node.outputs().size(); i++) {
            put(Messages.propOutputs, "#" + i + " " + node.outputs().get(i), NodeDescriber.valueSummary(graph,
                    node.outputs().get(i)));
        }
        node.attributes().forEach((k, v) -> put(Messages.propAttributes, k, format(v)));
    }

    private void put(String category, String name, String value) {
        String id = category + "/" + name;
        values.put(id, value);
        PropertyDescriptor d = new PropertyDescriptor(id, name);
        d.setCategory(category);
        descriptors.add(d);
    }

    static String format(Object value) {
        if (value instanceof long[] longs) {
            return Arrays.toString(longs);
        }
        if (value instanceof float[] floats) {
            return Arrays.toString(floats);
        }
        if (value instanceof Tensor t) {
            return t.getDType() + t.getShape().toString();
        }
        if (value instanceof Graph g) {
            return Messages.bind(Messages.propSubgraph, g.name(), g.nodes().size());
        }
        return String.valueOf(value);
    }

    @Override
    public IPropertyDescriptor[] getPropertyDescriptors() {
        return descriptors.toArray(IPropertyDescriptor[]::new);
    }

    @Override
    public Object getPropertyValue(Object id) {
        return values.get(id);
    }

    @Override
    public Object getEditableValue() {
        return this;
    }

    @Override
    public boolean isPropertySet(Object id) {
        return false;
    }

    @Override
    public void resetPropertyValue(Object id) {
        // read-only
    }

    @Override
    public void setPropertyValue(Object id, Object value) {
        // read-only
    }
}

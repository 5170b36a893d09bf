package org.walle.engine.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.ui.IWorkbenchPage;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.Node;
import org.walle.engine.ui.layout.GraphLayout.NodeBox;
import org.walle.engine.ui.model.OpenModel;

/** Tree content of the Model Outline: groups of inputs, outputs and operators by type. */
final class ModelOutline {
    private ModelOutline() {
    }

    /** A labelled group of children. */
    record Group(String label, List<Object> children) {
    }

    /** A graph input or output value. */
    record Value(String name, String summary) {
    }

    static List<Group> groups(Graph graph) {
        List<Object> inputs = new ArrayList<>();
        graph.inputs().forEach(i -> inputs.add(new Value(i, NodeDescriber.valueSummary(graph, i))));
        List<Object> outputs = new ArrayList<>();
        graph.outputs().forEach(o -> outputs.add(new Value(o, NodeDescriber.valueSummary(graph, o))));
        Map<String, List<Object>> byType = new LinkedHashMap<>();
        for (Node n : graph.nodes()) {
            byType.computeIfAbsent(n.opType(), k -> new ArrayList<>()).add(new NodeElement(graph, n));
        }
        List<Object> ops = new ArrayList<>();
        byType.forEach((type, nodes) -> ops.add(new Group(type + " (" + nodes.size() + ")", nodes)));
        return List.of(new Group(Messages.bind(Messages.outlineInputs, inputs.size()), inputs),
                new Group(Messages.bind(Messages.outlineOutputs, outputs.size()), outputs),
                new Group(Messages.bind(Messages.outlineOperators, graph.nodes().size()), ops));
    }

    static void revealInGraph(IWorkbenchPage page, ISelection selection) {
        if (!(selection instanceof IStructuredSelection s) || !(s.getFirstElement() instanceof NodeElement e)) {
            return;
        }
        GraphView view = (GraphView) page.findView(GraphView.ID);
        if (view == null || view.getCanvas().getGraphLayout() == null) {
            return;
        }
        for (NodeBox box : view.getCanvas().getGraphLayout().nodes()) {
            if (box.node() == e.node() || box.members().contains(e.node())) {
                view.getCanvas().select(box);
                view.getCanvas().reveal(box);
                page.activate(view);
                return;
            }
        }
    }

    static final class ContentProvider implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return input instanceof OpenModel m ? groups(m.graph()).toArray() : new Object[0];
        }

        @Override
        public Object[] getChildren(Object parent) {
            return parent instanceof Group g ? g.children().toArray() : new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof Group g && !g.children().isEmpty();
        }
    }

    static final class LabelProvider extends org.eclipse.jface.viewers.LabelProvider {
        @Override
        public String getText(Object element) {
            if (element instanceof Group g) {
                return g.label();
            }
            if (element instanceof Value v) {
                return v.name() + " : " + v.summary();
            }
            if (element instanceof NodeElement e) {
                return e.node().name();
            }
            return super.getText(element);
        }
    }
}

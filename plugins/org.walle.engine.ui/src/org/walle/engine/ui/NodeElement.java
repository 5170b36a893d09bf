package org.walle.engine.ui;

import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.ui.views.properties.IPropertySource;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.Node;

/** A selected operator, as the workbench selection carries it; adapts to the Properties view's source. */
public record NodeElement(Graph graph, Node node) implements IAdaptable {

    @Override
    public <T> T getAdapter(Class<T> adapter) {
        if (adapter == IPropertySource.class) {
            return adapter.cast(new NodePropertySource(graph, node));
        }
        return null;
    }
}

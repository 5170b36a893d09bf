package org.walle.pyvm.internal.api;

import org.walle.engine.exec.GraphExecutor;
import org.walle.engine.graph.Graph;
import org.walle.pyvm.ModelBackend;

/** The engine's reference executor ({@code GraphExecutor}) as the VM's default backend. */
public final class ReferenceBackend implements ModelBackend {
    public static final ReferenceBackend INSTANCE = new ReferenceBackend();

    private ReferenceBackend() {
    }

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public Runner prepare(Graph graph) {
        GraphExecutor exec = new GraphExecutor(graph);
        return exec::run;
    }
}

package org.walle.engine.exec;

import java.util.Map;

import org.walle.engine.backend.ref.CpuReferenceBackend;
import org.walle.engine.graph.Graph;
import org.walle.engine.runtime.Session;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.tensor.Tensor;

/**
 * Runs a graph on the reference backend. A facade over {@link Session}: the first run (and any run with new input
 * shapes) resizes, later runs only execute kernels.
 */
public final class GraphExecutor {
    private final Session session;

    /** @throws org.walle.engine.ops.UnsupportedOpException if a node's op is not supported */
    public GraphExecutor(Graph graph) {
        this.session = new Session(graph, SessionOptions.defaults().withBackend(CpuReferenceBackend.NAME));
    }

    public Map<String, Tensor> run(Map<String, Tensor> feeds) {
        return session.run(feeds);
    }

    /** The session behind this executor, for resize reports and memory plans. */
    public Session session() {
        return session;
    }
}

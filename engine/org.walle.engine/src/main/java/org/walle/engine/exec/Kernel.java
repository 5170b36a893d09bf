package org.walle.engine.exec;

import java.util.List;

import org.walle.engine.graph.Node;
import org.walle.engine.tensor.Tensor;

/** Computes one node's outputs from its inputs. */
@FunctionalInterface
public interface Kernel {
    List<Tensor> compute(Node node, List<Tensor> inputs);
}

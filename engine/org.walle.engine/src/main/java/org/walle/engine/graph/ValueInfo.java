package org.walle.engine.graph;

import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;

/** A named edge of the graph: a tensor produced by one node (or a graph input or initializer) and read by others. */
public record ValueInfo(String name, DType dtype, Shape shape) {
}

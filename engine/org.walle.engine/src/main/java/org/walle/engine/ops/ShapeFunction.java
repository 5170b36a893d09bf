package org.walle.engine.ops;

import java.util.List;

/** Infers an op's output types from its input types, attributes and any inputs known at resize time. */
@FunctionalInterface
public interface ShapeFunction {
    List<TensorType> infer(OpContext ctx);
}

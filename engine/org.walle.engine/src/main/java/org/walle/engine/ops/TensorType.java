package org.walle.engine.ops;

import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;

/** What shape inference knows about a value: its element type and (resolved) shape. */
public record TensorType(DType dtype, Shape shape) {
    @Override
    public String toString() {
        return dtype + "" + shape;
    }
}

package org.walle.engine.ops.internal;

import org.walle.engine.backend.ref.Data;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** Small constant tensors made at resize time. */
final class Values {
    private Values() {
    }

    static Tensor scalar(DType dtype, double v) {
        Tensor t = Tensor.zeros(dtype, Shape.scalar());
        Data.of(t).setConverted(0, v);
        return t;
    }

    static Tensor filled(DType dtype, Shape shape, double v) {
        Tensor t = Tensor.zeros(dtype, shape);
        Data d = Data.of(t);
        for (int i = 0; i < t.size(); i++) {
            d.setConverted(i, v);
        }
        return t;
    }

    static Tensor longs(long... v) {
        return Tensor.ofLongs(Shape.of(v.length), v);
    }
}

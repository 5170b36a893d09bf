package org.walle.engine.exec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.walle.engine.graph.GraphException;
import org.walle.engine.graph.Node;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * The first hand-written kernels, kept for callers of {@link #find}. The engine itself runs on
 * {@link org.walle.engine.backend.ref.ReferenceBackend} through {@link org.walle.engine.runtime.Session}.
 */
public final class ReferenceKernels {
    private static final Map<String, Kernel> KERNELS = Map.of(
            "MatMul", ReferenceKernels::matMul,
            "Add", ReferenceKernels::add,
            "Relu", ReferenceKernels::relu);

    private ReferenceKernels() {
    }

    public static Optional<Kernel> find(String opType) {
        return Optional.ofNullable(KERNELS.get(opType));
    }

    /** 2-D matrix product [m,k] x [k,n] -> [m,n]. */
    static List<Tensor> matMul(Node node, List<Tensor> in) {
        Shape a = in.get(0).getShape();
        Shape b = in.get(1).getShape();
        if (a.rank() != 2 || b.rank() != 2 || a.get(1) != b.get(0)) {
            throw new GraphException(node.name(), "MatMul needs [m,k] x [k,n], got " + a + " x " + b);
        }
        int m = (int) a.get(0);
        int k = (int) a.get(1);
        int n = (int) b.get(1);
        float[] x = in.get(0).buffer();
        float[] w = in.get(1).buffer();
        float[] y = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    acc += (double) x[i * k + p] * w[p * n + j];
                }
                y[i * n + j] = (float) acc;
            }
        }
        return List.of(Tensor.wrap(Shape.of(m, n), y));
    }

    /** Element-wise sum; the second operand may be a row vector broadcast over the last axis. */
    static List<Tensor> add(Node node, List<Tensor> in) {
        Tensor a = in.get(0);
        Tensor b = in.get(1);
        int n = a.buffer().length;
        int bn = b.buffer().length;
        boolean sameShape = a.getShape().equals(b.getShape());
        boolean rowBroadcast = b.getShape().rank() >= 1 && a.getShape().rank() >= 1
                && bn == a.getShape().get(-1) && b.getShape().size() == b.getShape().get(-1);
        if (!sameShape && !rowBroadcast) {
            throw new GraphException(node.name(), "Add cannot broadcast " + b.getShape() + " onto " + a.getShape());
        }
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = a.buffer()[i] + b.buffer()[i % bn];
        }
        return List.of(Tensor.wrap(a.getShape(), y));
    }

    static List<Tensor> relu(Node node, List<Tensor> in) {
        float[] x = in.get(0).buffer();
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.max(0f, x[i]);
        }
        return List.of(Tensor.wrap(in.get(0).getShape(), y));
    }
}

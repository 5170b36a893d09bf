package org.walle.engine.samples;

import java.util.List;
import java.util.Random;

import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.graph.ValueInfo;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** Small built-in graphs for demos and tests, with seeded weights so runs are repeatable. */
public final class SampleGraphs {
    private SampleGraphs() {
    }

    /** A two-layer perceptron: x[1,in] -> MatMul -> Add -> Relu -> MatMul -> Add -> y[1,out]. */
    public static Graph mlp(int in, int hidden, int out, long seed) {
        Random random = new Random(seed);
        return new GraphBuilder("mlp")
                .input("x", DType.FLOAT32, Shape.of(1, in))
                .initializer("w1", randomTensor(Shape.of(in, hidden), random))
                .initializer("b1", randomTensor(Shape.of(hidden), random))
                .initializer("w2", randomTensor(Shape.of(hidden, out), random))
                .initializer("b2", randomTensor(Shape.of(out), random))
                .node("fc1", "MatMul", List.of("x", "w1"), "h1")
                .node("bias1", "Add", List.of("h1", "b1"), "h1b")
                .node("act1", "Relu", List.of("h1b"), "a1")
                .node("fc2", "MatMul", List.of("a1", "w2"), "h2")
                .node("bias2", "Add", List.of("h2", "b2"), "y")
                .value(new ValueInfo("h1", DType.FLOAT32, Shape.of(1, hidden)))
                .value(new ValueInfo("h1b", DType.FLOAT32, Shape.of(1, hidden)))
                .value(new ValueInfo("a1", DType.FLOAT32, Shape.of(1, hidden)))
                .value(new ValueInfo("h2", DType.FLOAT32, Shape.of(1, out)))
                .value(new ValueInfo("y", DType.FLOAT32, Shape.of(1, out)))
                .output("y")
                .build();
    }

    public static Graph mlp() {
        return mlp(8, 16, 4, 42);
    }

    private static Tensor randomTensor(Shape shape, Random random) {
        float[] data = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian() * 0.5f;
        }
        return Tensor.wrap(shape, data);
    }
}

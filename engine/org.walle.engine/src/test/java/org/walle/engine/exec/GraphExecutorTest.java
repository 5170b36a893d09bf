package org.walle.engine.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.graph.GraphException;
import org.walle.engine.samples.SampleGraphs;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

class GraphExecutorTest {

    @Test
    void matMulAddReluMatchesHandComputedValues() {
        Graph g = new GraphBuilder("tiny").input("x", DType.FLOAT32, Shape.of(1, 2))
                .initializer("w", Tensor.of(Shape.of(2, 2), 1, -1, 2, -3))
                .initializer("b", Tensor.of(Shape.of(2), 0.5f, 1))
                .node("mm", "MatMul", List.of("x", "w"), "h")
                .node("add", "Add", List.of("h", "b"), "hb")
                .node("relu", "Relu", List.of("hb"), "y")
                .output("y").build();
        Tensor y = new GraphExecutor(g).run(Map.of("x", Tensor.of(Shape.of(1, 2), 3, 4))).get("y");
        // [3,4] x [[1,-1],[2,-3]] = [11,-15]; + [0.5,1] = [11.5,-14]; relu = [11.5,0]
        assertEquals(Shape.of(1, 2), y.getShape());
        assertArrayEquals(new float[] {11.5f, 0f}, y.toFloatArray(), 1e-6f);
    }

    @Test
    void mlpMatchesAnIndependentComputation() {
        Graph g = SampleGraphs.mlp(3, 5, 2, 7);
        float[] x = {0.2f, -1.0f, 0.7f};
        Tensor y = new GraphExecutor(g).run(Map.of("x", Tensor.of(Shape.of(1, 3), x))).get("y");
        float[] expected = dense(relu(dense(x, g.initializers().get("w1"), g.initializers().get("b1"))),
                g.initializers().get("w2"), g.initializers().get("b2"));
        assertArrayEquals(expected, y.toFloatArray(), 1e-5f);
    }

    @Test
    void shapeMismatchNamesTheNode() {
        Graph g = new GraphBuilder("bad").input("x", DType.FLOAT32, Shape.of(1, 3))
                .initializer("w", Tensor.zeros(Shape.of(2, 2)))
                .node("mm", "MatMul", List.of("x", "w"), "y").output("y").build();
        GraphException e = assertThrows(GraphException.class,
                () -> new GraphExecutor(g).run(Map.of("x", Tensor.zeros(Shape.of(1, 3)))));
        assertEquals("mm", e.where());
    }

    @Test
    void unsupportedOpIsRefusedUpFront() {
        Graph g = new GraphBuilder("odd").input("x", DType.FLOAT32, Shape.of(1))
                .node("n", "NoSuchOp", List.of("x"), "y").output("y").build();
        assertThrows(GraphException.class, () -> new GraphExecutor(g));
    }

    private static float[] dense(float[] x, Tensor w, Tensor b) {
        int n = (int) w.getShape().get(1);
        float[] y = new float[n];
        for (int j = 0; j < n; j++) {
            float acc = b.get(j);
            for (int i = 0; i < x.length; i++) {
                acc += x[i] * w.get(i * n + j);
            }
            y[j] = acc;
        }
        return y;
    }

    private static float[] relu(float[] x) {
        float[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(0, y[i]);
        }
        return y;
    }
}

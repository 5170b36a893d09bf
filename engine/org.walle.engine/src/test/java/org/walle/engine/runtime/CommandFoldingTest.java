package org.walle.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** Commands of a run-time node that read only constants are computed at resize; broadcasts are not enlarged. */
class CommandFoldingTest {
    private static Graph batchNorm() {
        return new GraphBuilder("bn").input("x", DType.FLOAT32, Shape.of(1, 2, 2, 2))
                .initializer("scale", Tensor.of(Shape.of(2), 2f, 0.5f))
                .initializer("bias", Tensor.of(Shape.of(2), 1f, -1f))
                .initializer("mean", Tensor.of(Shape.of(2), 0.5f, 2f))
                .initializer("var", Tensor.of(Shape.of(2), 4f, 0.25f))
                .node("bn", "BatchNormalization", List.of("x", "scale", "bias", "mean", "var"), List.of("y"),
                        Map.of("epsilon", 0f))
                .output("y").build();
    }

    @Test
    void batchNormKeepsOnlyTheRunTimeMultiplyAndAdd() {
        try (Session s = new Session(batchNorm(), SessionOptions.defaults().withBackend("cpu-ref"))) {
            ResizeReport r = s.resize(Map.of("x", Shape.of(1, 2, 2, 2)));
            List<Command> bn = r.commandsOf("bn");
            assertTrue(bn.stream().noneMatch(c -> c.op() == AtomicOp.UNARY), "sqrt(var + eps) was folded: " + bn);
            assertEquals(2, bn.stream().filter(c -> c.op() == AtomicOp.BINARY).count(), "x * a + b: " + bn);
            assertTrue(bn.stream().filter(c -> c.op() == AtomicOp.BINARY)
                    .allMatch(c -> c.outputs().get(0).elements() == 8), "only the data-sized passes remain");
            // channel 0: a = 2 / sqrt(4) = 1, b = 1 - 0.5 = 0.5; channel 1: a = 0.5 / 0.5 = 1, b = -1 - 2 = -3
            Tensor y = s.run(Map.of("x", Tensor.of(Shape.of(1, 2, 2, 2), 1, 2, 3, 4, 1, 2, 3, 4))).get("y");
            float[] expected = {1.5f, 2.5f, 3.5f, 4.5f, -2, -1, 0, 1};
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], y.get(i), 1e-6, "element " + i);
            }
        }
    }
}

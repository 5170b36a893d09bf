package org.walle.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphBuilder;
import org.walle.engine.ops.OpHarness;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Property test of the arena plan on random DAGs: no two tensors alive at the same time share bytes, reuse makes
 * the peak smaller than the sum, and results still equal an independent float evaluation (a clobbered buffer would
 * show up as a wrong value).
 */
class MemoryPlanTest {
    private static final String[] OPS = {"Add", "Mul", "Sub", "Relu", "Neg", "Transpose"};

    @Test
    void randomGraphsNeverOverlapLiveTensorsAndStayCorrect() {
        Random rnd = new Random(41);
        int reused = 0;
        for (int t = 0; t < 60; t++) {
            long side = 1 + rnd.nextInt(6);
            Shape shape = Shape.of(side, side);
            int n = 3 + rnd.nextInt(15);
            GraphBuilder b = new GraphBuilder("g" + t).input("x", DType.FLOAT32, shape).input("y", DType.FLOAT32, shape);
            List<String> names = new ArrayList<>(List.of("x", "y"));
            List<String[]> recipe = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String op = OPS[rnd.nextInt(OPS.length)];
                String a = names.get(rnd.nextInt(names.size()));
                String c = names.get(rnd.nextInt(names.size()));
                String out = "v" + i;
                boolean binary = op.equals("Add") || op.equals("Mul") || op.equals("Sub");
                b.node("n" + i, op, binary ? List.of(a, c) : List.of(a), out);
                recipe.add(new String[] {op, a, c, out});
                names.add(out);
            }
            b.output(names.get(names.size() - 1));
            if (rnd.nextBoolean()) {
                b.output(names.get(2 + rnd.nextInt(n)));
            }
            Graph g = b.build();
            Tensor x = OpHarness.random(rnd, side, side);
            Tensor y = OpHarness.random(rnd, side, side);
            Session s = new Session(g);
            Map<String, Tensor> out = s.run(Map.of("x", x, "y", y));
            MemoryPlan plan = s.lastReport().memory();
            assertNull(plan.firstConflict(), () -> "overlap in " + plan);
            assertTrue(plan.peakBytes() <= plan.totalBytes() + 64L * plan.placements().size());
            if (plan.peakBytes() < plan.totalBytes()) {
                reused++;
            }
            Map<String, float[]> env = new java.util.HashMap<>(Map.of("x", x.toFloatArray(), "y", y.toFloatArray()));
            for (String[] r : recipe) {
                env.put(r[3], eval(r[0], env.get(r[1]), env.get(r[2]), (int) side));
            }
            for (String o : g.outputs()) {
                assertArrayEquals(env.get(o), out.get(o).toFloatArray(), 1e-3f, o + " in graph " + t);
            }
        }
        assertTrue(reused > 20, "longer graphs reuse buffers, reused in " + reused);
    }

    private static float[] eval(String op, float[] a, float[] b, int side) {
        float[] r = new float[a.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = switch (op) {
                case "Add" -> a[i] + b[i];
                case "Mul" -> a[i] * b[i];
                case "Sub" -> a[i] - b[i];
                case "Relu" -> Math.max(0, a[i]);
                case "Neg" -> -a[i];
                default -> a[(i % side) * side + i / side];
            };
        }
        return r;
    }
}

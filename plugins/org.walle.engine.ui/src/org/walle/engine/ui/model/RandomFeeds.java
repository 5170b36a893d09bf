package org.walle.engine.ui.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.walle.engine.graph.Graph;
import org.walle.engine.graph.ValueInfo;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Inputs for measuring and profiling when the user has no data at hand: uniform floats in [-1, 1) at the resize
 * shapes, from a fixed seed so two runs time the same work. Integer and boolean inputs are zeros (valid indices).
 */
public final class RandomFeeds {
    private static final long SEED = 20261129L;

    private RandomFeeds() {
    }

    /** @throws IllegalArgumentException naming a graph input the shapes do not cover */
    public static Map<String, Tensor> of(Graph graph, Map<String, Shape> shapes) {
        SplittableRandom random = new SplittableRandom(SEED);
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (String input : graph.inputs()) {
            if (graph.initializers().containsKey(input)) {
                continue;
            }
            Shape shape = shapes.get(input);
            if (shape == null) {
                throw new IllegalArgumentException("no shape given for input '" + input + "'");
            }
            DType dtype = graph.value(input).map(ValueInfo::dtype).orElse(DType.FLOAT32);
            if (dtype == DType.FLOAT32) {
                float[] data = new float[Math.toIntExact(shape.size())];
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) (random.nextDouble() * 2 - 1);
                }
                feeds.put(input, Tensor.of(shape, data));
            } else {
                feeds.put(input, Tensor.zeros(dtype, shape));
            }
        }
        return feeds;
    }
}

package org.walle.cli.model;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.walle.engine.graph.Graph;
import org.walle.engine.graph.ValueInfo;
import org.walle.engine.onnx.Npy;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Half;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Turns {@code --input name=file.npy|random} and {@code --shape name=1,3,224,224} options into feeds. Random inputs
 * take the declared shape with dynamic dimensions from --shape (or 1) and seeded values: floats in [-1, 1),
 * integers in [0, 10), booleans at random.
 */
public final class InputSpecs {
    private InputSpecs() {
    }

    public static Map<String, Tensor> feeds(Graph graph, Map<String, String> inputs, Map<String, String> shapes, long seed) {
        for (String name : inputs.keySet()) {
            if (!graph.inputs().contains(name)) {
                throw new IllegalArgumentException("the model has no input '" + name + "'; its inputs are "
                        + graph.inputs());
            }
        }
        Random random = new Random(seed);
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (String name : graph.inputs()) {
            String spec = inputs.get(name);
            if (spec == null && graph.initializers().containsKey(name)) {
                continue; // an input with a default value (an initializer of the same name)
            }
            if (spec == null) {
                throw new IllegalArgumentException("no value for input '" + name + "': give --input " + name
                        + "=file.npy or --input " + name + "=random");
            }
            ValueInfo info = graph.value(name).orElseThrow();
            feeds.put(name, spec.equals("random") ? random(info, shapes.get(name), random) : Npy.read(Path.of(spec)));
        }
        return feeds;
    }

    static Tensor random(ValueInfo info, String shapeOption, Random random) {
        Shape shape = shape(info, shapeOption);
        DType dtype = info.dtype() == null ? DType.FLOAT32 : info.dtype();
        Tensor t = Tensor.zeros(dtype, shape);
        Object s = t.storage();
        for (int i = 0; i < t.size(); i++) {
            switch (dtype) {
                case FLOAT32 -> ((float[]) s)[i] = random.nextFloat() * 2 - 1;
                case FLOAT16 -> ((short[]) s)[i] = Half.fromFloat(random.nextFloat() * 2 - 1);
                case INT8, UINT8 -> ((byte[]) s)[i] = (byte) random.nextInt(10);
                case BOOL -> ((byte[]) s)[i] = (byte) (random.nextBoolean() ? 1 : 0);
                case INT32 -> ((int[]) s)[i] = random.nextInt(10);
                case INT64 -> ((long[]) s)[i] = random.nextInt(10);
            }
        }
        return t;
    }

    private static Shape shape(ValueInfo info, String option) {
        if (option != null) {
            String[] parts = option.split("[,x]");
            long[] dims = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                dims[i] = Long.parseLong(parts[i].trim());
            }
            return Shape.of(dims);
        }
        if (info.shape() == null) {
            throw new IllegalArgumentException("input '" + info.name() + "' has no declared shape: give --shape "
                    + info.name() + "=d0,d1,...");
        }
        long[] dims = info.shape().dims();
        for (int i = 0; i < dims.length; i++) {
            dims[i] = dims[i] < 0 ? 1 : dims[i];
        }
        return Shape.of(dims);
    }
}

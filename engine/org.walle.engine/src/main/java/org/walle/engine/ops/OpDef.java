package org.walle.engine.ops;

import java.util.Arrays;

/**
 * Everything the engine knows about one operator, found by its ONNX name: the shape function, the decomposition
 * into atomic ops, the inputs whose values (not just shapes) shape inference needs, and the first opset it
 * follows (older opsets use other attribute forms and are refused unless {@code minOpset} is 1).
 */
public record OpDef(String name, ShapeFunction shape, Decomposition decomposition, int[] valueInputs, int minOpset) {
    public OpDef {
        valueInputs = valueInputs.clone();
    }

    public static OpDef of(String name, ShapeFunction shape, Decomposition decomposition, int... valueInputs) {
        return new OpDef(name, shape, decomposition, valueInputs, 1);
    }

    public boolean needsValue(int input) {
        return Arrays.stream(valueInputs).anyMatch(i -> i == input);
    }

    public OpDef since(int opset) {
        return new OpDef(name, shape, decomposition, valueInputs, opset);
    }
}

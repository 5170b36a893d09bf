package org.walle.engine.graph;

import java.util.List;
import java.util.Map;

/** One operator application: its type (an ONNX op name such as "MatMul"), its input and output value names. */
public record Node(String name, String opType, List<String> inputs, List<String> outputs, Map<String, Object> attributes) {
    public Node {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = Map.copyOf(attributes);
    }
}

package org.walle.engine.onnx.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.walle.engine.graph.Graph;
import org.walle.engine.onnx.OnnxModelException;
import org.walle.engine.onnx.OnnxUnsupportedException;
import org.walle.engine.onnx.internal.proto.OnnxProto.AttributeProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.AttributeProto.AttributeType;
import org.walle.engine.onnx.internal.proto.OnnxProto.GraphProto;

import com.google.protobuf.ByteString;

/**
 * Decodes a node attribute into the value types of the engine contract: INT {@code Long}, FLOAT {@code Float},
 * STRING {@code String}, INTS {@code long[]}, FLOATS {@code float[]}, STRINGS {@code List<String>}, TENSOR
 * {@code Tensor}, GRAPH {@code Graph}. Like onnx.checker, an attribute must carry exactly the value field its type
 * names.
 */
final class AttributeDecoder {
    /** Where external data of tensor attributes is read from (null: nowhere). */
    private final Path baseDir;
    /** Decodes If/Loop/Scan bodies, with the enclosing graphs' names in scope. */
    private final Function<GraphProto, Graph> subgraphs;

    AttributeDecoder(Path baseDir, Function<GraphProto, Graph> subgraphs) {
        this.baseDir = baseDir;
        this.subgraphs = subgraphs;
    }

    Object decode(AttributeProto a, String nodeName, String opType) {
        String what = opType + " attribute '" + a.getName() + "'";
        if (a.getName().isEmpty()) {
            throw new OnnxModelException(nodeName, opType + " has an attribute without a name");
        }
        if (!a.getRefAttrName().isEmpty()) {
            throw new OnnxModelException(nodeName, what + " refers to a function attribute '" + a.getRefAttrName()
                    + "' outside a function");
        }
        AttributeType type = a.getType() == AttributeType.UNDEFINED ? inferType(a, nodeName, what) : a.getType();
        requireOnlyField(a, type, nodeName, what);
        return switch (type) {
            case INT -> a.getI();
            case FLOAT -> a.getF();
            case STRING -> a.getS().toStringUtf8();
            case INTS -> a.getIntsList().stream().mapToLong(Long::longValue).toArray();
            case FLOATS -> floats(a);
            case STRINGS -> strings(a.getStringsList());
            case TENSOR -> TensorDecoder.decode(a.getT(), nodeName + " (" + what + ")", baseDir);
            case GRAPH -> subgraphs.apply(a.getG());
            default -> throw new OnnxUnsupportedException(nodeName, what + " has type " + type
                    + ", which the engine does not represent");
        };
    }

    private static float[] floats(AttributeProto a) {
        float[] out = new float[a.getFloatsCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.getFloats(i);
        }
        return out;
    }

    private static List<String> strings(List<ByteString> values) {
        List<String> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add(new String(v.toByteArray(), StandardCharsets.UTF_8)));
        return List.copyOf(out);
    }

    /** IR version 1 models may leave the type out; the one value field present tells it. */
    private static AttributeType inferType(AttributeProto a, String nodeName, String what) {
        List<AttributeType> present = present(a);
        if (present.size() != 1) {
            throw new OnnxModelException(nodeName, what + " has no type and " + present.size() + " value fields");
        }
        return present.get(0);
    }

    private static void requireOnlyField(AttributeProto a, AttributeType type, String nodeName, String what) {
        for (AttributeType p : present(a)) {
            if (p != type) {
                throw new OnnxModelException(nodeName, what + " is declared " + type + " but carries a "
                        + p + " value");
            }
        }
    }

    private static List<AttributeType> present(AttributeProto a) {
        List<AttributeType> p = new ArrayList<>();
        addIf(p, a.hasF(), AttributeType.FLOAT);
        addIf(p, a.hasI(), AttributeType.INT);
        addIf(p, a.hasS(), AttributeType.STRING);
        addIf(p, a.hasT(), AttributeType.TENSOR);
        addIf(p, a.hasG(), AttributeType.GRAPH);
        addIf(p, a.hasSparseTensor(), AttributeType.SPARSE_TENSOR);
        addIf(p, a.hasTp(), AttributeType.TYPE_PROTO);
        addIf(p, a.getFloatsCount() > 0, AttributeType.FLOATS);
        addIf(p, a.getIntsCount() > 0, AttributeType.INTS);
        addIf(p, a.getStringsCount() > 0, AttributeType.STRINGS);
        addIf(p, a.getTensorsCount() > 0, AttributeType.TENSORS);
        addIf(p, a.getGraphsCount() > 0, AttributeType.GRAPHS);
        addIf(p, a.getSparseTensorsCount() > 0, AttributeType.SPARSE_TENSORS);
        addIf(p, a.getTypeProtosCount() > 0, AttributeType.TYPE_PROTOS);
        return p;
    }

    private static void addIf(List<AttributeType> list, boolean condition, AttributeType type) {
        if (condition) {
            list.add(type);
        }
    }
}

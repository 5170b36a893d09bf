package org.walle.engine.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.walle.engine.graph.Graph;
import org.walle.engine.onnx.internal.GraphDecoder;
import org.walle.engine.onnx.internal.proto.OnnxProto.ModelProto;
import org.walle.engine.onnx.internal.proto.OnnxProto.OperatorSetIdProto;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Loads an ONNX model ({@code .onnx}, protobuf) into an engine {@link Graph}: nodes, attributes, initializers of
 * every engine dtype (including raw little-endian data, float16 and external data files), If/Loop/Scan bodies and
 * value shapes, with symbolic dimensions left dynamic. The graph's opset is the model's default-domain opset.
 *
 * <p>Anything malformed is an {@link OnnxModelException} naming the node, initializer or value; well-formed models
 * using features the engine lacks (double tensors, sequences, ...) get an {@link OnnxUnsupportedException}.
 */
public final class OnnxImporter {
    /** Larger files cannot be a single protobuf message (protobuf's own 2 GB limit). */
    private static final long MAX_MODEL_BYTES = Integer.MAX_VALUE;

    private OnnxImporter() {
    }

    /** Loads a model file; external data files are looked up in the model's folder. */
    public static Graph load(Path model) {
        String where = model.getFileName() == null ? model.toString() : model.getFileName().toString();
        byte[] bytes;
        try {
            if (Files.size(model) > MAX_MODEL_BYTES) {
                throw new OnnxModelException(where, "file is larger than 2 GB; weights of large models belong in"
                        + " external data files");
            }
            bytes = Files.readAllBytes(model);
        } catch (NoSuchFileException e) {
            throw new OnnxModelException(where, "file does not exist: " + model, e);
        } catch (IOException e) {
            throw new OnnxModelException(where, "cannot read " + model + ": " + e.getMessage(), e);
        }
        Path dir = model.toAbsolutePath().getParent();
        return load(bytes, where, dir);
    }

    /**
     * Loads a model from its bytes.
     *
     * @param baseDirForExternalData the folder external data locations are relative to; null forbids external data
     */
    public static Graph load(byte[] model, Path baseDirForExternalData) {
        return load(model, "model", baseDirForExternalData);
    }

    private static Graph load(byte[] bytes, String where, Path baseDir) {
        ModelProto m;
        try {
            m = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxModelException(where, "not a valid ONNX model (protobuf): " + e.getMessage(), e);
        }
        if (!m.hasGraph()) {
            throw new OnnxModelException(where, bytes.length == 0 ? "file is empty" : "model has no graph");
        }
        if (m.getIrVersion() <= 0) {
            throw new OnnxModelException(where, "model has no ir_version");
        }
        return new GraphDecoder(baseDir, defaultOpset(m, where)).decode(m.getGraph());
    }

    /** The opset of the default ("" or "ai.onnx") domain; 0 when the model only uses other domains. */
    static int defaultOpset(ModelProto m, String where) {
        if (m.getOpsetImportCount() == 0) {
            throw new OnnxModelException(where, "model has no opset_import");
        }
        for (OperatorSetIdProto id : m.getOpsetImportList()) {
            if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
                if (id.getVersion() <= 0 || id.getVersion() > 1000) {
                    throw new OnnxModelException(where, "default-domain opset version " + id.getVersion()
                            + " is not valid");
                }
                return (int) id.getVersion();
            }
        }
        return 0;
    }
}

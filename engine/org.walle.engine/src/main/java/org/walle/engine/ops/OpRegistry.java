package org.walle.engine.ops;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

import org.walle.engine.ops.internal.BuiltinOps;

/**
 * Operators by ONNX name. The built-in families register by code; other jars add or override ops through
 * {@link OpProvider} services.
 */
public final class OpRegistry {
    private static volatile OpRegistry standard;

    private final Map<String, OpDef> ops = new TreeMap<>();

    public OpRegistry register(OpDef def) {
        ops.put(def.name(), def);
        return this;
    }

    public Optional<OpDef> find(String name) {
        return Optional.ofNullable(ops.get(name));
    }

    /** The op, or an {@link UnsupportedOpException} naming the node when it is missing or too old for its opset. */
    public OpDef require(String nodeName, String opType, int opset) {
        OpDef def = ops.get(opType);
        if (def == null) {
            throw new UnsupportedOpException(nodeName, opType, opset);
        }
        if (opset < def.minOpset()) {
            throw new UnsupportedOpException(nodeName, opType, opset, "only opset " + def.minOpset() + "+ forms are implemented");
        }
        return def;
    }

    public Set<String> names() {
        return ops.keySet();
    }

    /** Built-in ops plus every {@link OpProvider} on the class path. */
    public static OpRegistry standard() {
        OpRegistry r = standard;
        if (r == null) {
            r = new OpRegistry();
            BuiltinOps.registerAll(r);
            for (OpProvider p : ServiceLoader.load(OpProvider.class, OpRegistry.class.getClassLoader())) {
                p.register(r);
            }
            standard = r;
        }
        return r;
    }
}

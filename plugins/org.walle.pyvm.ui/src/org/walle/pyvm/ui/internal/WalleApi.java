package org.walle.pyvm.ui.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names of the {@code walle} Python module as the task VM defines them (engine/org.walle.pyvm, internal/api and
 * docs/pyvm.md): what content assist proposes and what the editor colours as API.
 */
public final class WalleApi {
    /** Submodule -> its public functions and attributes, in the order the docs list them. */
    public static final Map<String, List<String>> MODULES = modules();

    private WalleApi() {
    }

    private static Map<String, List<String>> modules() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("np", List.of("array", "asarray", "zeros", "ones", "full", "arange", "linspace", "reshape", "transpose",
                "matmul", "dot", "add", "subtract", "multiply", "divide", "maximum", "minimum", "power", "exp", "log",
                "sqrt", "tanh", "abs", "sigmoid", "relu", "clip", "sum", "mean", "max", "min", "argmax", "argmin",
                "softmax", "topk", "concatenate", "isarray"));
        m.put("cv", List.of("decode", "imread", "resize", "crop", "cvt_color", "normalize", "to_tensor"));
        m.put("model", List.of("load"));
        m.put("events", List.of("matched", "trigger", "count"));
        m.put("state", List.of("get", "put", "delete", "keys"));
        m.put("output", List.of("emit", "feature"));
        m.put("task", List.of("id", "version", "input", "inputs", "resource", "text"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Completions for a dotted prefix typed before the cursor, as full names: {@code "walle.n"} gives
     * {@code walle.np}, {@code "walle.np.ar"} gives {@code walle.np.argmax, walle.np.argmin, walle.np.array, ...}.
     */
    public static List<String> complete(String dottedPrefix) {
        String p = dottedPrefix.toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        if ("walle".startsWith(p) && !p.isEmpty()) {
            out.add("walle");
        }
        for (Map.Entry<String, List<String>> e : MODULES.entrySet()) {
            String module = "walle." + e.getKey();
            if (module.startsWith(p) && !p.isEmpty()) {
                out.add(module);
            }
            if (p.startsWith(module + ".")) {
                for (String name : e.getValue()) {
                    if ((module + "." + name).startsWith(p)) {
                        out.add(module + "." + name);
                    }
                }
            }
        }
        return out;
    }

    /** True when {@code dotted} is {@code walle}, a submodule or a function of one. */
    public static boolean isApiName(String dotted) {
        if (dotted.equals("walle")) {
            return true;
        }
        if (!dotted.startsWith("walle.")) {
            return false;
        }
        String[] parts = dotted.split("\\.");
        List<String> names = MODULES.get(parts.length > 1 ? parts[1] : "");
        return names != null && (parts.length == 2 || (parts.length == 3 && names.contains(parts[2])));
    }
}

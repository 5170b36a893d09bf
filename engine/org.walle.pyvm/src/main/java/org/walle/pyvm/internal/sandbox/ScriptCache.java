package org.walle.pyvm.internal.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import org.python.core.PyCode;

/**
 * Compiled scripts by content hash, shared by all runs: Jython compiles Python to JVM classes, which costs tens of
 * milliseconds per script, and code objects hold no interpreter state, so warm starts reuse them.
 */
public final class ScriptCache {
    private final int capacity;
    private final Map<String, PyCode> codes;

    public ScriptCache(int capacity) {
        this.capacity = capacity;
        this.codes = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PyCode> eldest) {
                return size() > ScriptCache.this.capacity;
            }
        };
    }

    public PyCode compile(String source, String file, BiFunction<String, String, PyCode> compiler) {
        String key = key(source, file);
        synchronized (codes) {
            PyCode c = codes.get(key);
            if (c != null) {
                return c;
            }
        }
        PyCode c = compiler.apply(source, file);
        synchronized (codes) {
            codes.put(key, c);
        }
        return c;
    }

    public int size() {
        synchronized (codes) {
            return codes.size();
        }
    }

    private static String key(String source, String file) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(file.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

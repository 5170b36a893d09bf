package org.walle.pyvm.internal.vm;

import java.util.Properties;

import org.python.core.PySystemState;

/**
 * Initialises Jython once per JVM (about half a second). The start-up properties are passed to Jython directly, so
 * the JVM's system properties are not changed: no site import, no package cache on disk, UTF-8 console.
 */
public final class PythonRuntime {
    private static volatile long initMillis = -1;

    private PythonRuntime() {
    }

    public static synchronized void ensureInitialized() {
        if (initMillis >= 0) {
            return;
        }
        long t0 = System.nanoTime();
        Properties post = new Properties();
        post.setProperty("python.import.site", "false");
        post.setProperty("python.cachedir.skip", "true");
        post.setProperty("python.console.encoding", "UTF-8");
        PySystemState.initialize(System.getProperties(), post, new String[0]);
        initMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    /** How long the one-time initialisation took, or -1 before it ran. */
    public static long initMillis() {
        return initMillis;
    }
}

package org.walle.pyvm.internal.vm;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
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
        standardLibraryInJar().ifPresent(lib -> post.setProperty("python.path", lib));
        PySystemState.initialize(System.getProperties(), post, new String[0]);
        initMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    /**
     * {@code <jython jar>/Lib}: Jython finds its standard library next to the jar its classes came from, which fails
     * inside OSGi (bundle class URLs are not jar URLs), so tasks could not import even the allowed modules there.
     * The class's code source still names the jar file. Empty when python.path is set or the classes are not in a jar.
     */
    private static Optional<String> standardLibraryInJar() {
        if (System.getProperty("python.path") != null) {
            return Optional.empty();
        }
        try {
            CodeSource source = PySystemState.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
                return Optional.empty();
            }
            Path jar = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(jar) && jar.toString().endsWith(".jar")
                    ? Optional.of(jar.resolve("Lib").toString()) : Optional.empty();
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** How long the one-time initialisation took, or -1 before it ran. */
    public static long initMillis() {
        return initMillis;
    }
}

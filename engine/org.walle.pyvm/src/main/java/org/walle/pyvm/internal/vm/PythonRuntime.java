package org.walle.pyvm.internal.vm;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.Properties;

import org.python.core.Py;
import org.python.core.PySystemState;

/**
 * Initialises Jython once per JVM (about half a second). The start-up properties are passed to Jython directly, so
 * the JVM's system properties are not changed: no site import, no package cache on disk, UTF-8 console.
 */
public final class PythonRuntime {
    private static volatile long initMillis = -1;
    private static volatile SharedLibraryCode libraryCode;

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
        if (!"false".equals(System.getProperty(SHARED_CODE_PROPERTY))) {
            libraryCodeDirectory().ifPresent(lib -> libraryCode = new SharedLibraryCode(lib));
        }
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

    /**
     * Set to {@code false} to let every interpreter load the library's code itself (Jython's default; only for
     * measuring what {@link SharedLibraryCode} saves).
     */
    public static final String SHARED_CODE_PROPERTY = "walle.pyvm.sharedLibraryCode";

    /** The shared library-code importer, empty when the library is not inside a jar or sharing is switched off. */
    static Optional<SharedLibraryCode> libraryCode() {
        return Optional.ofNullable(libraryCode);
    }

    /** The first {@code sys.path} entry that is {@code <jar>/Lib}: where the standard library comes from. */
    private static Optional<String> libraryCodeDirectory() {
        for (Object entry : Py.getSystemState().path) {
            String p = entry.toString();
            if ((p.endsWith(".jar/Lib") || p.endsWith(".jar" + File.separator + "Lib"))
                    && Files.isRegularFile(Path.of(p.substring(0, p.length() - 4)))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** How long the one-time initialisation took, or -1 before it ran. */
    public static long initMillis() {
        return initMillis;
    }
}

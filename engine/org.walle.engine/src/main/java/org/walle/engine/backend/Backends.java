package org.walle.engine.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

import org.walle.engine.backend.ref.CpuReferenceBackend;

/** The backend providers this process knows: ServiceLoader's, plus any registered by hand (OSGi bundles). */
public final class Backends {
    /** The name that lets the search choose. */
    public static final String AUTO = "auto";
    private static final List<BackendProvider> REGISTERED = new CopyOnWriteArrayList<>();

    private Backends() {
    }

    public static void register(BackendProvider provider) {
        REGISTERED.removeIf(p -> p.name().equals(provider.name()));
        REGISTERED.add(provider);
    }

    /** Forgets a provider registered by hand (a bundle stopping). */
    public static void unregister(String name) {
        REGISTERED.removeIf(p -> p.name().equals(name));
    }

    /** Every provider, available or not, highest rank first; the reference backend is always among them. */
    public static List<BackendProvider> providers() {
        Map<String, BackendProvider> byName = new LinkedHashMap<>();
        CpuReferenceBackend.Provider ref = new CpuReferenceBackend.Provider();
        byName.put(ref.name(), ref);
        load(Backends.class.getClassLoader(), byName);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            load(context, byName);
        }
        REGISTERED.forEach(p -> byName.put(p.name(), p));
        List<BackendProvider> out = new ArrayList<>(byName.values());
        out.sort(Comparator.comparingInt(BackendProvider::rank).reversed());
        return out;
    }

    public static Optional<BackendProvider> find(String name) {
        return providers().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Names of providers that can run here. */
    public static List<String> availableNames() {
        return providers().stream().filter(p -> p.unavailableReason().isEmpty()).map(BackendProvider::name).toList();
    }

    private static void load(ClassLoader loader, Map<String, BackendProvider> into) {
        var it = ServiceLoader.load(BackendProvider.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return;
                }
                BackendProvider p = it.next();
                into.putIfAbsent(p.name(), p);
            } catch (java.util.ServiceConfigurationError | LinkageError e) {
                // a broken provider must not hide the others; it simply is not offered
            }
        }
    }
}

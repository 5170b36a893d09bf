package org.walle.engine.ui.model;

import java.util.List;
import java.util.function.Supplier;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.walle.engine.backend.BackendProvider;
import org.walle.engine.backend.Backends;

/**
 * The backend bundles the studio ships, registered by hand. Each registration is guarded: a backend bundle that does
 * not resolve (its imports are optional) or whose provider fails to load is logged and left out; the studio still
 * runs on the others, and the reference backend is always there.
 */
public final class BackendPlugins {
    private static final String PLUGIN_ID = "org.walle.engine.ui";
    private static final List<String> NAMES = List.of("cpu-simd", "opencl");

    private BackendPlugins() {
    }

    public static void registerAll() {
        // suppliers, so that a missing class fails inside the guard and not when this class links
        register("cpu-simd", () -> new org.walle.engine.simd.backend.SimdBackendProvider());
        register("opencl", () -> new org.walle.engine.opencl.backend.OpenClBackendProvider());
    }

    public static void unregisterAll() {
        NAMES.forEach(Backends::unregister);
    }

    private static void register(String name, Supplier<BackendProvider> provider) {
        try {
            Backends.register(provider.get());
        } catch (LinkageError | RuntimeException e) {
            ILog.of(BackendPlugins.class).log(Status.warning(
                    "backend " + name + " is not offered: its bundle or provider failed to load (" + e + ")", e));
        }
    }
}

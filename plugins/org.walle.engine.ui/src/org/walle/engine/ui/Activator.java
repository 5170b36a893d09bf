package org.walle.engine.ui;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.walle.engine.ui.model.BackendPlugins;

/**
 * Starts with the first engine view: registers the backend bundles' providers with the engine, because inside OSGi
 * {@link java.util.ServiceLoader} does not see providers in other bundles.
 */
public final class Activator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        BackendPlugins.registerAll();
    }

    @Override
    public void stop(BundleContext context) {
        BackendPlugins.unregisterAll();
    }
}

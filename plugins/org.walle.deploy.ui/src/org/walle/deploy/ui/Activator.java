package org.walle.deploy.ui;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.plugin.AbstractUIPlugin;
import org.osgi.framework.BundleContext;
import org.walle.deploy.ui.internal.server.ServerRegistry;

/** Owns the studio's servers; stopping the bundle (studio exit) stops the embedded server and frees its port. */
public final class Activator extends AbstractUIPlugin {
    public static final String PLUGIN_ID = "org.walle.deploy.ui";
    private static Activator plugin;
    private ServerRegistry registry;

    @Override
    public void start(BundleContext context) throws Exception {
        super.start(context);
        // set first: reading the preference store runs the initializer, which needs getDefault()
        plugin = this;
        registry = new ServerRegistry();
        DeployPreferences.remoteUrls(getPreferenceStore()).forEach(registry::addRemote);
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        try {
            Job.getJobManager().cancel(ServerJobs.FAMILY);
            registry.embedded().shutdown();
        } catch (RuntimeException e) {
            getLog().error("stopping the embedded deployment server failed", e);
        } finally {
            plugin = null;
            super.stop(context);
        }
    }

    public static Activator getDefault() {
        return plugin;
    }

    public ServerRegistry registry() {
        return registry;
    }
}

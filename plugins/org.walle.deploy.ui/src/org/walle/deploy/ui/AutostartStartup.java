package org.walle.deploy.ui;

import org.eclipse.ui.IStartup;
import org.walle.deploy.ui.internal.server.ServerSettings;

/** Starts the embedded server when the studio comes up, if the autostart preference says so. */
public final class AutostartStartup implements IStartup {
    @Override
    public void earlyStartup() {
        Activator plugin = Activator.getDefault();
        ServerSettings settings = DeployPreferences.settings(plugin.getPreferenceStore());
        if (settings.autostart()) {
            ServerJobs.start(plugin.registry().embedded(), true);
        }
    }
}

package org.walle.deploy.ui;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.osgi.service.datalocation.Location;
import org.walle.deploy.ui.internal.server.RemoteServer;
import org.walle.deploy.ui.internal.server.ServerSettings;

/** Preference keys and defaults of the embedded server, and how they become {@link ServerSettings}. */
public final class DeployPreferences extends AbstractPreferenceInitializer {
    public static final String PORT = "server.port";
    public static final String DATA_DIR = "server.dataDir";
    public static final String AUTOSTART = "server.autostart";
    public static final String REMOTE_SERVERS = "servers.remote";
    public static final int DEFAULT_PORT = 8642;

    @Override
    public void initializeDefaultPreferences() {
        IPreferenceStore store = Activator.getDefault().getPreferenceStore();
        store.setDefault(PORT, DEFAULT_PORT);
        store.setDefault(DATA_DIR, "");
        store.setDefault(AUTOSTART, true);
        store.setDefault(REMOTE_SERVERS, "");
    }

    public static ServerSettings settings(IPreferenceStore store) {
        String dir = store.getString(DATA_DIR).strip();
        return new ServerSettings(store.getInt(PORT), dir.isEmpty() ? defaultDataDir() : Path.of(dir),
                store.getBoolean(AUTOSTART));
    }

    /**
     * {@code walle-server/} in the studio's workspace (the start script puts the workspace at
     * {@code $WALLE_STUDIO_DATA}), or under {@code ~/.walle} when the studio runs without one.
     */
    public static Path defaultDataDir() {
        Location instance = Platform.getInstanceLocation();
        URL url = instance == null ? null : instance.getURL();
        if (url != null && "file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI()).resolve("walle-server");
            } catch (URISyntaxException | IllegalArgumentException e) {
                // a workspace path with spaces may come unencoded: fall back to the raw path
                return Path.of(url.getPath()).resolve("walle-server");
            }
        }
        return Path.of(System.getProperty("user.home"), ".walle", "walle-server");
    }

    static List<URI> remoteUrls(IPreferenceStore store) {
        List<URI> urls = new ArrayList<>();
        for (String line : store.getString(REMOTE_SERVERS).split("\n")) {
            if (!line.isBlank()) {
                try {
                    urls.add(RemoteServer.parseUrl(line));
                } catch (IllegalArgumentException e) {
                    Activator.getDefault().getLog().warn("ignoring a stored remote server: " + e.getMessage());
                }
            }
        }
        return urls;
    }

    static void storeRemoteUrls(IPreferenceStore store, List<URI> urls) {
        store.setValue(REMOTE_SERVERS, urls.stream().map(URI::toString).collect(Collectors.joining("\n")));
    }
}

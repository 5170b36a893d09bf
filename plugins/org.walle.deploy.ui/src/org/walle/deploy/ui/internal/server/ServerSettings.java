package org.walle.deploy.ui.internal.server;

import java.nio.file.Path;

/**
 * How the embedded server starts: its port (0 = any free port), its data directory and whether the studio starts it
 * by itself.
 */
public record ServerSettings(int port, Path dataDir, boolean autostart) {
    public ServerSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("the data directory is missing");
        }
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(newPort, dataDir, autostart);
    }
}

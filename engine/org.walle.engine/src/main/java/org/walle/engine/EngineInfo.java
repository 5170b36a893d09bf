package org.walle.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Build facts about the engine, filled in by the build. */
public final class EngineInfo {
    private EngineInfo() {
    }

    public static String version() {
        try (InputStream in = EngineInfo.class.getResourceAsStream("engine.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

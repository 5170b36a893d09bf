package org.walle.engine.ui.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

/** The most recently opened model files, newest first, kept in the instance preferences. */
public final class RecentModels {
    static final int MAX = 8;
    private static final String KEY = "recentModels";

    private final IEclipsePreferences preferences;

    public RecentModels() {
        this(InstanceScope.INSTANCE.getNode("org.walle.engine.ui"));
    }

    RecentModels(IEclipsePreferences preferences) {
        this.preferences = preferences;
    }

    public List<Path> list() {
        String stored = preferences.get(KEY, "");
        List<Path> paths = new ArrayList<>();
        Arrays.stream(stored.split("\n")).filter(s -> !s.isBlank()).forEach(s -> paths.add(Path.of(s)));
        return paths;
    }

    public void add(Path file) {
        List<Path> paths = list();
        Path absolute = file.toAbsolutePath().normalize();
        paths.remove(absolute);
        paths.add(0, absolute);
        while (paths.size() > MAX) {
            paths.remove(paths.size() - 1);
        }
        preferences.put(KEY, String.join("\n", paths.stream().map(Path::toString).toList()));
        try {
            preferences.flush();
        } catch (BackingStoreException e) {
            // the list still holds for this session; persisting it is a convenience
        }
    }
}

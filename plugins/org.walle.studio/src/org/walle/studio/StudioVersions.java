package org.walle.studio;

import java.util.List;

import org.eclipse.core.runtime.Platform;
import org.eclipse.swt.SWT;
import org.osgi.framework.Bundle;
import org.walle.engine.EngineInfo;

/** The versions the About dialog lists, read from the running bundles and JVM. */
public final class StudioVersions {
    private StudioVersions() {
    }

    /** One row of the About dialog. */
    public record Entry(String component, String version) {
    }

    public static List<Entry> all() {
        return List.of(
                new Entry(Messages.aboutProduct, bundleVersion("org.walle.studio")),
                new Entry(Messages.aboutEngine, EngineInfo.version()),
                new Entry("Eclipse Platform UI", bundleVersion("org.eclipse.ui.workbench")),
                new Entry("SWT", SWT.getPlatform() + " " + SWT.getVersion()),
                new Entry("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"));
    }

    private static String bundleVersion(String symbolicName) {
        Bundle bundle = Platform.getBundle(symbolicName);
        return bundle == null ? Messages.aboutMissing : bundle.getVersion().toString();
    }
}

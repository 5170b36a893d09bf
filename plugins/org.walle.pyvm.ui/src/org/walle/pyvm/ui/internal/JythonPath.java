package org.walle.pyvm.ui.internal;

import java.io.File;
import java.util.Optional;

import org.eclipse.core.runtime.FileLocator;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Points Jython at its standard library inside OSGi. Jython finds {@code Lib/} through the jar its classes were
 * loaded from, which fails for a bundle (its class URLs are {@code bundleresource:}), so tasks that import an
 * allowed module ({@code collections}, {@code json}...) fail with ImportError. Setting {@code python.path} to
 * {@code <jython jar>/Lib} before the VM's one-time initialisation fixes it; the VM reads it from the system
 * properties. (Better in org.walle.pyvm's PythonRuntime itself: see the report of issue 10.)
 */
public final class JythonPath {
    private static final String BSN_PART = "jython";

    private JythonPath() {
    }

    public static synchronized void ensure() {
        if (System.getProperty("python.path") != null) {
            return;
        }
        Bundle self = FrameworkUtil.getBundle(JythonPath.class);
        if (self == null || self.getBundleContext() == null) {
            return; // not in OSGi: Jython finds its jar on the class path by itself
        }
        for (Bundle b : self.getBundleContext().getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().contains(BSN_PART)) {
                Optional<File> jar = FileLocator.getBundleFileLocation(b);
                if (jar.isPresent()) {
                    System.setProperty("python.path", new File(jar.get(), "Lib").getPath());
                    return;
                }
            }
        }
    }
}

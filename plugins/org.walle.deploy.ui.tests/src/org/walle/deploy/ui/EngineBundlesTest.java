package org.walle.deploy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The engine bundles of the deploy feature resolve in the running studio (their bnd-generated Import-Package is
 * satisfied by the target platform) and a class that uses their third-party libraries loads.
 */
class EngineBundlesTest {
    @Test
    void deployServerResolves() throws Exception {
        assertResolvesAndLoads("org.walle.deploy", "org.walle.deploy.WalleServer");
    }

    @Test
    void taskVmResolves() throws Exception {
        assertResolvesAndLoads("org.walle.pyvm", "org.walle.pyvm.TaskPackage");
    }

    @Test
    void streamResolves() throws Exception {
        assertResolvesAndLoads("org.walle.stream", "org.walle.stream.tunnel.DevCertificates");
    }

    @Test
    void deviceEmulatorResolves() throws Exception {
        assertResolvesAndLoads("org.walle.device", "org.walle.device.Fleet");
    }

    private static void assertResolvesAndLoads(String symbolicName, String className) throws Exception {
        Bundle[] all = FrameworkUtil.getBundle(Activator.class).getBundleContext().getBundles();
        Bundle bundle = Arrays.stream(all).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElse(null);
        assertNotNull(bundle, symbolicName + " is not installed");
        if (bundle.getState() == Bundle.INSTALLED) {
            bundle.loadClass(className); // forces resolution; a missing import fails here with its name
        }
        assertTrue((bundle.getState() & (Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE)) != 0,
                symbolicName + " is not resolved: state " + bundle.getState());
        Class<?> c = bundle.loadClass(className);
        assertEquals(className, c.getName());
        // initialising the class links it against its imports (Jetty, Jackson, BouncyCastle, Jython...)
        Class.forName(className, true, c.getClassLoader());
    }
}

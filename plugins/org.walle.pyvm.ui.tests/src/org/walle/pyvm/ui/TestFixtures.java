package org.walle.pyvm.ui;

import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.swt.widgets.Shell;
import org.walle.ui.testsupport.UiWait;
import org.walle.ui.testsupport.Screenshots;

/** The package-private test helpers, for the tests of other packages. */
public final class TestFixtures {
    private TestFixtures() {
    }

    public static IFolder sampleProject(String name) throws Exception {
        return SampleTask.createProject(name);
    }

    public static void deleteProject(String name) throws Exception {
        SampleTask.deleteProject(name);
    }

    public static void write(IFile file, String text) throws Exception {
        SampleTask.write(file, text);
    }

    public static void waitUntil(String what, BooleanSupplier condition, long timeoutMs) {
        UiWait.until(what, condition, timeoutMs);
    }

    public static void screenshot(Shell shell, String name) throws Exception {
        Screenshots.save(shell, name);
    }
}

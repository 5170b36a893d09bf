package org.walle.pyvm.ui;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** Copies the sample task of this test bundle (sample-task/) into a folder the test may edit. */
final class SampleTask {
    private SampleTask() {
    }

    static Path copyTo(Path dir) throws IOException {
        Bundle bundle = FrameworkUtil.getBundle(SampleTask.class);
        Path task = Files.createDirectories(dir.resolve("cart-watcher"));
        for (String name : new String[] { "task.json", "main.py" }) {
            // the class loads through the host; findEntries also searches its fragments (this test bundle)
            java.util.Enumeration<URL> found = bundle.findEntries("sample-task", name, false);
            URL url = found == null || !found.hasMoreElements() ? null : found.nextElement();
            if (url == null) {
                throw new IOException("sample-task/" + name + " is missing from " + bundle.getSymbolicName());
            }
            try (InputStream in = url.openStream()) {
                Files.copy(in, task.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return task;
    }
}

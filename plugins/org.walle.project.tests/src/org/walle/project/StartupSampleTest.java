package org.walle.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.walle.project.ui.SampleProjectStartup;

/** A workspace without a Walle project gets the sample project on start, once, under a free name. */
class StartupSampleTest {
    private Path blocker;

    @AfterEach
    void cleanUp() throws Exception {
        if (blocker != null) {
            Files.deleteIfExists(blocker.resolve("keep.txt"));
            Files.deleteIfExists(blocker);
        }
    }

    @Test
    void startWithoutWalleProjectCreatesTheSampleOnce() throws Exception {
        Projects.waitForStartup();
        for (IProject p : WalleProjects.all()) {
            p.delete(true, true, null);
        }
        // a leftover folder of that name must not make the start fail: the sample takes the next free name
        blocker = ResourcesPlugin.getWorkspace().getRoot().getLocation().append(SampleProjectStartup.SAMPLE_NAME)
                .toFile().toPath();
        Files.createDirectories(blocker);
        Files.writeString(blocker.resolve("keep.txt"), "not a project");

        new SampleProjectStartup().earlyStartup();
        Projects.waitForStartup();
        assertEquals(1, WalleProjects.all().size(), WalleProjects.all().toString());
        IProject sample = WalleProjects.all().get(0);
        assertEquals(SampleProjectStartup.SAMPLE_NAME + "-2", sample.getName());
        assertTrue(WalleProjectFiles.load(sample).task("purchase-intent").isPresent());
        assertEquals("not a project", Files.readString(blocker.resolve("keep.txt")));

        new SampleProjectStartup().earlyStartup();
        Projects.waitForStartup();
        assertEquals(1, WalleProjects.all().size(), "a workspace with a Walle project gets no second sample");
        deleteQuietly(sample);
    }

    private static void deleteQuietly(IProject p) throws CoreException {
        p.delete(true, true, null);
    }
}

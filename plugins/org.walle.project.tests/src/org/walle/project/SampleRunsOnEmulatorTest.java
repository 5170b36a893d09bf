package org.walle.project;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.device.DeviceProfile;
import org.walle.device.DeviceProfiles;
import org.walle.pyvm.ui.internal.EmulatorSession;

/**
 * The sample task of a new project runs on the device emulator exactly as the Task Run view runs it (the same
 * EmulatorSession), on a generated shopping stream: its trigger fires, the model runs and it emits an intent.
 */
class SampleRunsOnEmulatorTest {
    private static final Pattern INTENT = Pattern.compile(
            "result intent = \\{(?=.*label=(browsing|considering|buying))(?=.*p=(0\\.\\d+|1\\.0))");
    private IProject project;

    @AfterEach
    void delete() throws CoreException {
        if (project != null) {
            project.delete(true, true, null);
        }
    }

    @Test
    void sampleTaskFiresRunsTheModelAndEmitsAnIntent(@TempDir Path device) throws Exception {
        project = Projects.create("emulated");
        Path taskDir = project.getFolder("tasks/" + Projects.TASK).getLocation().toFile().toPath();
        DeviceProfile mid = DeviceProfiles.builtIn().stream().filter(p -> p.name().equals("mid")).findFirst()
                .orElseThrow();
        List<String> console = new ArrayList<>();
        try (EmulatorSession session = new EmulatorSession(mid, taskDir, device, (line, link) -> console.add(line))) {
            session.feedGenerated(7, 4);
            while (session.hasNext()) {
                session.step();
            }
            String text = String.join("\n", console);
            assertTrue(text.contains("installed " + Projects.TASK + "@1.0.0 on a mid device"), text);
            assertTrue(text.contains("fired " + Projects.TASK + "#added-to-cart on [click_item@"), text);
            Matcher m = INTENT.matcher(text);
            assertTrue(m.find(), text);
            assertTrue(text.contains("feature intent_probs = "), text);
            assertTrue(text.contains("  | intent "), "the task's print: " + text);
            assertTrue(text.contains(Projects.TASK + "@1.0.0 ok in "), text);
            assertFalse(text.contains("FAILED"), text);
            assertTrue(session.summary().contains(" 0 errors"), session.summary());
            assertFalse(session.summary().startsWith("0 fired"), session.summary());
        }
    }
}

package org.walle.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.ICommand;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.engine.exec.GraphExecutor;
import org.walle.engine.graph.Graph;
import org.walle.engine.onnx.OnnxImporter;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;
import org.walle.project.sample.SampleModel;
import org.walle.project.sample.SampleTask;

/** The wizard's operation without the wizard: what a new project holds, and the rules that refuse a bad one. */
class NewWalleProjectTest {
    private IProject project;

    @AfterEach
    void delete() throws CoreException {
        if (project != null && project.exists()) {
            project.delete(true, true, null);
        }
    }

    @Test
    void newProjectHasNatureBuilderModelAndSampleTask() throws Exception {
        project = Projects.create("created-project");
        assertTrue(project.isOpen());
        assertTrue(project.hasNature(WalleProjects.NATURE_ID));
        ICommand[] spec = project.getDescription().getBuildSpec();
        assertEquals(1, spec.length);
        assertEquals(WalleProjects.BUILDER_ID, spec[0].getBuilderName());
        assertTrue(WalleProjects.all().contains(project));

        WalleProjectModel model = WalleProjectFiles.load(project);
        assertEquals("created-project", model.name());
        WalleTask task = model.task(Projects.TASK).orElseThrow();
        assertEquals("tasks/" + Projects.TASK, task.folder());
        assertEquals(List.of(SampleTask.TRIGGER), task.triggers());
        IFolder folder = project.getFolder(task.folder());
        for (String name : List.of("task.json", "main.py", "features.py", "labels.txt", "intent.onnx")) {
            assertTrue(folder.getFile(name).exists(), name);
        }
        for (TaskResource r : task.resources()) {
            try (InputStream in = folder.getFile(r.path()).getContents()) {
                assertEquals(SampleTask.sha256(in.readAllBytes()), r.sha256(), r.path());
            }
        }
        assertEquals(List.of("low", "mid", "high"),
                model.deviceProfiles().stream().map(DeviceProfileRef::name).toList());
        assertTrue(model.servers().get(0).embedded());
        String json = new String(folder.getFile("task.json").getContents().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.contains("\"id\": \"" + Projects.TASK + "\""), json);
    }

    @Test
    void theSampleModelIsARealSoftmaxScorer() {
        Graph g = OnnxImporter.load(SampleModel.onnx(), null);
        Tensor quickBuyer = Tensor.of(Shape.of(1, 4), 1f, 1f, 0f, 1f);
        Tensor slowBrowser = Tensor.of(Shape.of(1, 4), 0f, 0f, 0f, 0f);
        float[] buy = new GraphExecutor(g).run(Map.of(SampleModel.INPUT, quickBuyer)).get(SampleModel.OUTPUT)
                .toFloatArray();
        float[] browse = new GraphExecutor(g).run(Map.of(SampleModel.INPUT, slowBrowser)).get(SampleModel.OUTPUT)
                .toFloatArray();
        assertEquals(3, buy.length);
        assertEquals(1.0, buy[0] + buy[1] + buy[2], 1e-5, "softmax output sums to 1");
        assertTrue(buy[2] > buy[0] && buy[2] > buy[1], "a quick add-to-cart scores 'buying'");
        assertTrue(browse[0] > browse[2], "no signal scores 'browsing' above 'buying'");
        // by hand: softmax(b) for the zero vector
        double z = Math.exp(0.6) + Math.exp(0.2) + Math.exp(-0.7);
        assertEquals(Math.exp(0.6) / z, browse[0], 1e-5);
    }

    @Test
    void rulesRefuseBadNamesLocationsAndIds(@TempDir Path tmp) throws Exception {
        project = Projects.create("taken-name");
        IWorkspace ws = ResourcesPlugin.getWorkspace();
        assertEquals(Messages.ruleNameEmpty, NewProjectRules.checkName(ws, ""));
        assertEquals(Messages.ruleNameEmpty, NewProjectRules.checkName(ws, "   "));
        assertNotNull(NewProjectRules.checkName(ws, "bad/name"));
        assertEquals(Messages.ruleNameSpaces, NewProjectRules.checkName(ws, " padded"));
        assertEquals(Messages.bind(Messages.ruleNameExists, "taken-name"), NewProjectRules.checkName(ws, "Taken-Name"));
        assertNull(NewProjectRules.checkName(ws, "fresh-name"));
        assertNull(NewProjectRules.checkTaskId("a.b_c-1"));
        assertNotNull(NewProjectRules.checkTaskId("Upper"));
        assertNotNull(NewProjectRules.checkTaskId("-dash-first"));
        assertNotNull(NewProjectRules.checkTaskId("x".repeat(101)));
        assertEquals(Messages.ruleTaskIdEmpty, NewProjectRules.checkTaskId(""));
        assertEquals(Messages.ruleLocationAbsolute,
                NewProjectRules.checkLocation(ws, "p", org.eclipse.core.runtime.IPath.fromOSString("relative/x")));
        assertNull(NewProjectRules.checkLocation(ws, "p", org.eclipse.core.runtime.IPath.fromOSString(
                tmp.resolve("p").toString())));
        CoreException e = assertThrows(CoreException.class,
                () -> new NewWalleProject("taken-name", null, "t").create(null));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    }

    @Test
    void createsAtACustomLocationAndCancellingLeavesNothing(@TempDir Path tmp) throws Exception {
        Path where = tmp.resolve("elsewhere");
        project = new NewWalleProject("custom-place", where.toUri(), "t1").create(null);
        assertTrue(Files.isRegularFile(where.resolve("walle.project")));
        assertTrue(Files.isRegularFile(where.resolve("tasks/t1/main.py")));
        project.delete(true, true, null);

        // the user presses Cancel once the project exists: the half-made project and its folder must go
        IProject half = ResourcesPlugin.getWorkspace().getRoot().getProject("cancelled-one");
        NullProgressMonitor cancelled = new NullProgressMonitor() {
            @Override
            public boolean isCanceled() {
                return half.exists();
            }
        };
        Path other = tmp.resolve("cancelled");
        assertThrows(OperationCanceledException.class,
                () -> new NewWalleProject("cancelled-one", other.toUri(), "t2").create(cancelled));
        assertFalse(half.exists());
        assertFalse(Files.exists(other), "the folder the cancelled creation made is gone");
    }

    @Test
    void theSampleFilesAreTheBundleTemplates() {
        Map<String, byte[]> a = SampleTask.files("one");
        Map<String, byte[]> b = SampleTask.files("one");
        assertEquals(List.of("task.json", "main.py", "features.py", "labels.txt", "intent.onnx"),
                List.copyOf(a.keySet()));
        assertArrayEquals(a.get("intent.onnx"), b.get("intent.onnx"), "the model is deterministic");
    }
}

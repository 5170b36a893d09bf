package org.walle.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.walle.ui.testsupport.UiWait;

/**
 * The task builder through the workspace API and auto-build, as a save in an editor would trigger it: a syntax
 * error in main.py, a misspelt field in task.json and a broken walle.project each give a problem marker at the
 * right line; fixing the file removes it. Waits on the markers, never on time.
 */
class BuilderTest {
    /** Jython's first start inside the build on a loaded CI machine. */
    private static final long BUILD_MS = 180_000;
    private IProject project;
    private IFile main;

    @BeforeEach
    void create() throws CoreException {
        project = Projects.create("built");
        main = project.getFile("tasks/" + Projects.TASK + "/main.py");
        project.build(IncrementalProjectBuilder.FULL_BUILD, null);
    }

    @AfterEach
    void delete() throws CoreException {
        project.delete(true, true, null);
    }

    @Test
    void theNewProjectBuildsClean() throws CoreException {
        List<IMarker> all = List.of(project.findMarkers(WalleProjects.PROBLEM_MARKER, true, IResource.DEPTH_INFINITE));
        assertEquals(List.of(), all.stream().map(m -> m.getAttribute(IMarker.MESSAGE, "")).toList());
    }

    @Test
    void syntaxErrorInMainPyGetsAMarkerAtItsLineAndFixingRemovesIt() throws Exception {
        String good = text(main);
        List<String> lines = new java.util.ArrayList<>(List.of(good.split("\n", -1)));
        int bad = lines.indexOf("events = walle.events.matched()");
        assertTrue(bad > 0, good);
        lines.add(bad, "def broken(:"); // now line bad + 1
        write(main, String.join("\n", lines));
        UiWait.until("a problem marker on main.py", () -> !markers(main).isEmpty(), BUILD_MS);
        IMarker m = Projects.problems(main).get(0);
        assertEquals(IMarker.SEVERITY_ERROR, m.getAttribute(IMarker.SEVERITY, -1));
        int line = m.getAttribute(IMarker.LINE_NUMBER, -1);
        assertEquals(bad + 1, line, Projects.describe(main).toString());
        assertTrue(m.getAttribute(IMarker.MESSAGE, "").contains("SyntaxError"), Projects.describe(main).toString());

        write(main, good);
        UiWait.until("the marker to go", () -> markers(main).isEmpty(), BUILD_MS);
    }

    @Test
    void sandboxRefusalIsAProblemToo() throws Exception {
        String good = text(main);
        write(main, good + "\nkind = ().__class__\n"); // the sandbox's static rules refuse dunder attributes
        int expected = good.split("\n", -1).length + 1;
        UiWait.until("a problem marker on main.py", () -> !markers(main).isEmpty(), BUILD_MS);
        assertEquals(expected, Projects.problems(main).get(0).getAttribute(IMarker.LINE_NUMBER, -1),
                Projects.describe(main).toString());
        write(main, good);
        UiWait.until("the marker to go", () -> markers(main).isEmpty(), BUILD_MS);
    }

    @Test
    void misspeltFieldInTaskJsonIsMarkedOnItsLine() throws Exception {
        IFile json = project.getFile("tasks/" + Projects.TASK + "/task.json");
        String good = text(json);
        write(json, good.replace("\"limits\"", "\"limitz\""));
        UiWait.until("a problem marker on task.json", () -> !markers(json).isEmpty(), BUILD_MS);
        int line = ProjectModelTest.lineOf(text(json), "\"limitz\"");
        assertTrue(Projects.describe(json).stream().anyMatch(d -> d.startsWith(line + ": ") && d.contains("limitz")),
                Projects.describe(json).toString());
        write(json, good);
        UiWait.until("the marker to go", () -> markers(json).isEmpty(), BUILD_MS);
    }

    @Test
    void brokenWalleProjectIsMarkedAndLeftAsItIs() throws Exception {
        IFile model = WalleProjectFiles.modelFile(project);
        String good = text(model);
        String broken = good.replace(" id=\"" + Projects.TASK + "\"", "");
        write(model, broken);
        UiWait.until("a problem marker on walle.project", () -> !markers(model).isEmpty(), BUILD_MS);
        List<String> problems = Projects.describe(model);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(ProjectModelTest.lineOf(broken, "<tasks") + ": task #1 has no 'id'", problems.get(0));
        assertEquals(broken, text(model), "the builder never rewrites the user's file");
        write(model, good);
        UiWait.until("the marker to go", () -> markers(model).isEmpty(), BUILD_MS);
    }

    @Test
    void aTaskTakenOutOfTheProjectLeavesNoStaleMarkers() throws Exception {
        write(main, text(main) + "\ndef broken(:\n");
        UiWait.until("a problem marker on main.py", () -> !markers(main).isEmpty(), BUILD_MS);
        WalleProjectModel model = WalleProjectFiles.load(project);
        assertTrue(model.removeTask(Projects.TASK));
        WalleProjectFiles.save(WalleProjectFiles.modelFile(project), model, null);
        UiWait.until("the marker of the removed task to go", () -> markers(main).isEmpty(), BUILD_MS);
    }

    @Test
    void deletedTaskFolderIsReportedOnWalleProject() throws Exception {
        IFile model = WalleProjectFiles.modelFile(project);
        project.getFolder("tasks/" + Projects.TASK).delete(true, null);
        project.build(IncrementalProjectBuilder.FULL_BUILD, null);
        assertTrue(Projects.describe(model).toString().contains("folder 'tasks/" + Projects.TASK
                + "' does not exist"), Projects.describe(model).toString());
    }

    private static List<IMarker> markers(IFile f) {
        try {
            return Projects.problems(f);
        } catch (CoreException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(IFile f) throws Exception {
        try (var in = f.getContents(true)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static void write(IFile f, String text) throws CoreException {
        f.setContents(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), true, true, null);
    }
}

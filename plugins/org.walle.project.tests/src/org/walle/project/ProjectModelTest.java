package org.walle.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The project model: a full round trip through XMI, and hostile walle.project files (truncated XML, a foreign
 * namespace, a task without id, bad and duplicate ids, a folder escaping the project, a dangling release) that must
 * give an error naming the file, the line and the problem, and never be overwritten.
 */
class ProjectModelTest {
    private static final String FILE = "P/walle.project";
    private IProject project;

    @BeforeEach
    void plainProject() throws CoreException {
        project = ResourcesPlugin.getWorkspace().getRoot().getProject("model-test");
        project.create(null);
        project.open(null);
    }

    @AfterEach
    void delete() throws CoreException {
        project.delete(true, true, null);
    }

    static WalleProjectModel fullModel() {
        WalleProjectModel m = WalleProjectModel.create("shop").setDescription("two tasks & a release <ok>");
        m.addTask("intent", "1.2.0", "tasks/intent", "main.py")
                .addTrigger(new Trigger("cart", List.of("click_item", "add_to_cart"), 60_000))
                .addTrigger(new Trigger("buy", List.of("purchase"), 1_000))
                .addResource(new TaskResource(TaskResource.Kind.MODEL, "intent.onnx", "ab12"))
                .addResource(new TaskResource(TaskResource.Kind.VOCAB, "labels.txt", "cd34"))
                .setLimits(2500, 64);
        m.addTask("ranker", "0.1.0", "tasks/ranker", "rank.py")
                .addResource(new TaskResource(TaskResource.Kind.DATA, "items.csv", null));
        m.addDeviceProfile(new DeviceProfileRef("mid", "android", "pixel-7", "mid", "eu"));
        m.addServer(new ServerConnection("embedded", "", true));
        m.addServer(new ServerConnection("staging", "https://deploy.example:8443", false));
        m.addRelease(new Release("intent", "1.2.0", "tier in ('mid','high') and region = 'eu'",
                List.of(new Release.Stage("gray", 5), new Release.Stage("all", 100)), Release.Status.PAUSED));
        return m;
    }

    @Test
    void roundTripKeepsEveryField() throws Exception {
        byte[] xmi = fullModel().toBytes();
        String text = new String(xmi, StandardCharsets.UTF_8);
        assertTrue(text.contains(WalleProjectModel.NS_URI), text);
        WalleProjectModel m = WalleProjectModel.read(xmi, "shop/walle.project");
        assertEquals("shop", m.name());
        assertEquals("two tasks & a release <ok>", m.description());
        assertEquals(2, m.tasks().size());
        WalleTask intent = m.task("intent").orElseThrow();
        assertEquals("1.2.0", intent.version());
        assertEquals("tasks/intent", intent.folder());
        assertEquals("main.py", intent.entry());
        assertEquals(List.of(new Trigger("cart", List.of("click_item", "add_to_cart"), 60_000),
                new Trigger("buy", List.of("purchase"), 1_000)), intent.triggers());
        assertEquals(List.of(new TaskResource(TaskResource.Kind.MODEL, "intent.onnx", "ab12"),
                new TaskResource(TaskResource.Kind.VOCAB, "labels.txt", "cd34")), intent.resources());
        assertEquals(2500, intent.timeoutMs());
        assertEquals(64, intent.maxAllocMb());
        WalleTask ranker = m.task("ranker").orElseThrow();
        assertEquals(5000, ranker.timeoutMs(), "no limits: the .ecore's defaults");
        assertEquals(256, ranker.maxAllocMb());
        assertEquals(List.of(new TaskResource(TaskResource.Kind.DATA, "items.csv", null)), ranker.resources());
        assertEquals(List.of(new DeviceProfileRef("mid", "android", "pixel-7", "mid", "eu")), m.deviceProfiles());
        assertEquals(List.of(new ServerConnection("embedded", "", true),
                new ServerConnection("staging", "https://deploy.example:8443", false)), m.servers());
        assertEquals(List.of(new Release("intent", "1.2.0", "tier in ('mid','high') and region = 'eu'",
                List.of(new Release.Stage("gray", 5), new Release.Stage("all", 100)), Release.Status.PAUSED)),
                m.releases());
        assertArrayEquals(xmi, m.toBytes(), "writing what was read gives the same bytes");
        assertTrue(m.removeTask("intent"));
        assertEquals(List.of("ranker"), m.tasks().stream().map(WalleTask::id).toList());
        assertEquals(List.of(), m.releases(), "the release of the removed task goes with it");
    }

    @Test
    void savesAndLoadsAsAWorkspaceFile() throws Exception {
        IFile file = WalleProjectFiles.modelFile(project);
        WalleProjectFiles.save(file, fullModel(), null);
        WalleProjectModel m = WalleProjectFiles.load(project);
        m.task("ranker").orElseThrow().setVersion("0.2.0");
        WalleProjectFiles.save(file, m, null);
        assertEquals("0.2.0", WalleProjectFiles.load(file).task("ranker").orElseThrow().version());
        assertEquals(1, file.getHistory(null).length, "the replaced content is kept in local history");
    }

    @Test
    void truncatedXmlNamesTheFileAndTheLine() {
        byte[] xmi = fullModel().toBytes();
        byte[] half = java.util.Arrays.copyOf(xmi, xmi.length / 2);
        WalleModelException e = assertThrows(WalleModelException.class, () -> WalleProjectModel.read(half, FILE));
        assertTrue(e.getMessage().startsWith(FILE + ":"), e.getMessage());
        assertTrue(e.problem().contains("not well-formed XML"), e.getMessage());
        assertTrue(e.line() > 1, "line " + e.line());
    }

    @Test
    void foreignNamespaceIsRefused() {
        String xmi = new String(fullModel().toBytes(), StandardCharsets.UTF_8)
                .replace(WalleProjectModel.NS_URI, "http://example.org/other/2.0");
        WalleModelException e = assertThrows(WalleModelException.class,
                () -> WalleProjectModel.read(xmi.getBytes(StandardCharsets.UTF_8), FILE));
        assertTrue(e.problem().contains("unknown namespace 'http://example.org/other/2.0'"), e.getMessage());
        assertTrue(e.problem().contains("not a Walle project file"), e.getMessage());
        assertTrue(e.getMessage().contains(FILE), e.getMessage());
    }

    @Test
    void doctypeWithExternalEntityIsRefused() {
        String xmi = new String(fullModel().toBytes(), StandardCharsets.UTF_8).replaceFirst("\\?>",
                "?>\n<!DOCTYPE p [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>")
                .replace("two tasks &amp; a release", "&secret;");
        WalleModelException e = assertThrows(WalleModelException.class,
                () -> WalleProjectModel.read(xmi.getBytes(StandardCharsets.UTF_8), FILE));
        assertTrue(e.problem().contains("DOCTYPE"), e.getMessage());
        assertEquals(2, e.line(), e.getMessage());
    }

    @Test
    void notXmlAtAll() {
        WalleModelException e = assertThrows(WalleModelException.class,
                () -> WalleProjectModel.read("{\"json\": true}".getBytes(StandardCharsets.UTF_8), FILE));
        assertTrue(e.problem().contains("not well-formed XML"), e.getMessage());
    }

    @Test
    void taskWithoutIdNamesTheTaskAndItsLine() {
        String xmi = new String(fullModel().toBytes(), StandardCharsets.UTF_8).replace(" id=\"ranker\"", "");
        WalleModelException e = assertThrows(WalleModelException.class,
                () -> WalleProjectModel.read(xmi.getBytes(StandardCharsets.UTF_8), FILE));
        assertEquals("task #2 has no 'id'", e.problem(), e.getMessage());
        int secondTask = xmi.indexOf("<tasks", xmi.indexOf("<tasks") + 1);
        assertEquals(lineAt(xmi, secondTask), e.line(), "the line where the second <tasks element starts");
    }

    @Test
    void unknownElementIsReported() {
        String xmi = new String(fullModel().toBytes(), StandardCharsets.UTF_8).replace("<servers ", "<severs ");
        WalleModelException e = assertThrows(WalleModelException.class,
                () -> WalleProjectModel.read(xmi.getBytes(StandardCharsets.UTF_8), FILE));
        assertTrue(e.problem().contains("severs"), e.getMessage());
        assertEquals(lineOf(xmi, "<severs "), e.line(), e.getMessage());
    }

    @Test
    void invalidAndDuplicateTaskIdsAndEscapingFolders() {
        String xmi = new String(fullModel().toBytes(), StandardCharsets.UTF_8);
        assertProblem(xmi.replace("id=\"ranker\"", "id=\"Ranker!\""), "task id 'Ranker!' is not valid");
        assertProblem(xmi.replace("id=\"ranker\"", "id=\"intent\""), "task id 'intent' is used twice");
        assertProblem(xmi.replace("folder=\"tasks/ranker\"", "folder=\"../elsewhere\""),
                "task 'ranker' has folder '../elsewhere': it must be a relative path inside the project");
        assertProblem(xmi.replace("\"1.2.0\" policy", "\"\" policy"), "release #1 has no 'version'");
    }

    private static void assertProblem(String xmi, String expected) {
        WalleModelException e = assertThrows(WalleModelException.class,
                () -> WalleProjectModel.read(xmi.getBytes(StandardCharsets.UTF_8), FILE), expected);
        assertTrue(e.problem().startsWith(expected), e.getMessage());
    }

    @Test
    void aBrokenFileIsNeverOverwritten() throws Exception {
        IFile file = WalleProjectFiles.modelFile(project);
        byte[] broken = "<?xml version=\"1.0\"?>\n<walle:Project xmlns:walle=\"http://walle.org/studio/project/1.0\""
                .getBytes(StandardCharsets.UTF_8);
        file.create(new ByteArrayInputStream(broken), true, null);
        WalleModelException e = assertThrows(WalleModelException.class, () -> WalleProjectFiles.load(file));
        assertTrue(e.getMessage().startsWith("/model-test/walle.project"), e.getMessage());
        CoreException refused = assertThrows(CoreException.class,
                () -> WalleProjectFiles.save(file, WalleProjectModel.create("model-test"), null));
        assertTrue(refused.getMessage().contains("not saving over /model-test/walle.project"), refused.getMessage());
        file.refreshLocal(IResource.DEPTH_ZERO, null);
        try (InputStream in = file.getContents()) {
            assertArrayEquals(broken, in.readAllBytes(), "the user's file is untouched");
        }
    }

    static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        assertTrue(at >= 0, needle + " not in\n" + text);
        return lineAt(text, at);
    }

    static int lineAt(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}

package org.walle.project;

import static org.walle.project.internal.WalleEcore.children;
import static org.walle.project.internal.WalleEcore.get;
import static org.walle.project.internal.WalleEcore.literal;
import static org.walle.project.internal.WalleEcore.newObject;
import static org.walle.project.internal.WalleEcore.set;
import static org.walle.project.internal.WalleEcore.string;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.emf.ecore.EObject;
import org.walle.project.internal.ModelXmi;
import org.walle.project.internal.WalleEcore;

/**
 * The model of one Walle project ({@code walle.project}): its tasks, device profiles, servers and releases. A
 * typed facade over the dynamic EMF objects of {@code model/walle.ecore}; reading and writing go through
 * {@link #read} and {@link #toBytes} (workspace files: {@link WalleProjectFiles}).
 */
public final class WalleProjectModel {
    public static final String FILE_NAME = "walle.project";
    public static final String NS_URI = WalleEcore.NS_URI;

    private final EObject project;

    private WalleProjectModel(EObject project) {
        this.project = project;
    }

    public static WalleProjectModel create(String name) {
        EObject root = newObject("Project");
        ModelXmi.newResource().getContents().add(root);
        set(root, "name", name);
        return new WalleProjectModel(root);
    }

    /** Parses the bytes of a walle.project file; {@code file} names it in the error. */
    public static WalleProjectModel read(byte[] xmi, String file) throws WalleModelException {
        return new WalleProjectModel(ModelXmi.read(xmi, file));
    }

    public byte[] toBytes() {
        return ModelXmi.write(project);
    }

    /** The root EObject, for EMF-aware code (editors, validation). */
    public EObject eObject() {
        return project;
    }

    public String name() {
        return string(project, "name");
    }

    public String description() {
        return string(project, "description");
    }

    public WalleProjectModel setDescription(String description) {
        set(project, "description", description);
        return this;
    }

    public List<WalleTask> tasks() {
        List<WalleTask> out = new ArrayList<>();
        for (EObject t : children(project, "tasks")) {
            out.add(new WalleTask(t));
        }
        return out;
    }

    public Optional<WalleTask> task(String id) {
        return tasks().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** Adds a task; its id must be new in this project. */
    public WalleTask addTask(String id, String version, String folder, String entry) {
        if (task(id).isPresent()) {
            throw new IllegalArgumentException("the project already has a task '" + id + "'");
        }
        EObject t = newObject("Task");
        set(t, "id", id);
        set(t, "version", version);
        set(t, "folder", folder);
        set(t, "entry", entry);
        children(project, "tasks").add(t);
        return new WalleTask(t);
    }

    /** Removes a task and the releases of it; false when there is no such task. */
    public boolean removeTask(String id) {
        Optional<WalleTask> task = task(id);
        if (task.isEmpty()) {
            return false;
        }
        children(project, "releases").removeIf(r -> get(r, "task") == task.get().eObject());
        children(project, "tasks").remove(task.get().eObject());
        return true;
    }

    public List<DeviceProfileRef> deviceProfiles() {
        List<DeviceProfileRef> out = new ArrayList<>();
        for (EObject d : children(project, "deviceProfiles")) {
            out.add(new DeviceProfileRef(string(d, "name"), string(d, "os"), string(d, "model"), string(d, "tier"),
                    string(d, "region")));
        }
        return out;
    }

    public WalleProjectModel addDeviceProfile(DeviceProfileRef profile) {
        EObject d = newObject("DeviceProfileRef");
        set(d, "name", profile.name());
        set(d, "os", profile.os());
        set(d, "model", profile.model());
        set(d, "tier", profile.tier());
        set(d, "region", profile.region());
        children(project, "deviceProfiles").add(d);
        return this;
    }

    public List<ServerConnection> servers() {
        List<ServerConnection> out = new ArrayList<>();
        for (EObject s : children(project, "servers")) {
            out.add(new ServerConnection(string(s, "name"), string(s, "url"), (Boolean) get(s, "embedded")));
        }
        return out;
    }

    public WalleProjectModel addServer(ServerConnection server) {
        EObject s = newObject("ServerConnection");
        set(s, "name", server.name());
        set(s, "url", server.url());
        set(s, "embedded", server.embedded());
        children(project, "servers").add(s);
        return this;
    }

    public List<Release> releases() {
        List<Release> out = new ArrayList<>();
        for (EObject r : children(project, "releases")) {
            List<Release.Stage> stages = new ArrayList<>();
            for (EObject s : children(r, "stages")) {
                stages.add(new Release.Stage(string(s, "name"), (Integer) get(s, "percent")));
            }
            EObject task = (EObject) get(r, "task");
            out.add(new Release(string(task, "id"), string(r, "version"), string(r, "policy"), stages,
                    Release.Status.of(literal(r, "status"))));
        }
        return out;
    }

    /** Adds a release of one of this project's tasks. */
    public WalleProjectModel addRelease(Release release) {
        WalleTask task = task(release.taskId()).orElseThrow(() -> new IllegalArgumentException(
                "no task '" + release.taskId() + "' in project " + name()));
        EObject r = newObject("Release");
        set(r, "task", task.eObject());
        set(r, "version", release.version());
        set(r, "policy", release.policy());
        set(r, "status", release.status().literal);
        for (Release.Stage stage : release.stages()) {
            EObject s = newObject("Stage");
            set(s, "name", stage.name());
            set(s, "percent", stage.percent());
            children(r, "stages").add(s);
        }
        children(project, "releases").add(r);
        return this;
    }
}

package org.walle.project;

import static org.walle.project.internal.WalleEcore.children;
import static org.walle.project.internal.WalleEcore.get;
import static org.walle.project.internal.WalleEcore.literal;
import static org.walle.project.internal.WalleEcore.newObject;
import static org.walle.project.internal.WalleEcore.set;
import static org.walle.project.internal.WalleEcore.string;
import static org.walle.project.internal.WalleEcore.strings;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;

/** One task of a Walle project: a view over its EObject in the model (changes go straight into the model). */
public final class WalleTask {
    private final EObject task;

    WalleTask(EObject task) {
        this.task = task;
    }

    EObject eObject() {
        return task;
    }

    public String id() {
        return string(task, "id");
    }

    public String version() {
        return string(task, "version");
    }

    public void setVersion(String version) {
        set(task, "version", version);
    }

    /** The entry script, relative to the task folder. */
    public String entry() {
        return string(task, "entry");
    }

    /** The task folder, relative to the project. */
    public String folder() {
        return string(task, "folder");
    }

    public List<Trigger> triggers() {
        List<Trigger> out = new ArrayList<>();
        for (EObject t : children(task, "triggers")) {
            out.add(new Trigger(string(t, "name"), strings(t, "events"), (Long) get(t, "windowMs")));
        }
        return out;
    }

    public WalleTask addTrigger(Trigger trigger) {
        EObject t = newObject("Trigger");
        set(t, "name", trigger.name());
        strings(t, "events").addAll(trigger.events());
        set(t, "windowMs", trigger.windowMs());
        children(task, "triggers").add(t);
        return this;
    }

    public List<TaskResource> resources() {
        List<TaskResource> out = new ArrayList<>();
        for (EObject r : children(task, "resources")) {
            out.add(new TaskResource(TaskResource.Kind.of(literal(r, "kind")), string(r, "path"),
                    string(r, "sha256")));
        }
        return out;
    }

    public WalleTask addResource(TaskResource resource) {
        EObject r = newObject("Resource");
        set(r, "kind", resource.kind().literal());
        set(r, "path", resource.path());
        set(r, "sha256", resource.sha256());
        children(task, "resources").add(r);
        return this;
    }

    /** The per-run time limit; the .ecore's default when the task sets no limits. */
    public long timeoutMs() {
        return (Long) get(limits(), "timeoutMs");
    }

    public int maxAllocMb() {
        return (Integer) get(limits(), "maxAllocMb");
    }

    public WalleTask setLimits(long timeoutMs, int maxAllocMb) {
        EObject l = newObject("Limits");
        set(l, "timeoutMs", timeoutMs);
        set(l, "maxAllocMb", maxAllocMb);
        set(task, "limits", l);
        return this;
    }

    private EObject limits() {
        EObject l = (EObject) get(task, "limits");
        return l != null ? l : newObject("Limits");
    }

    @Override
    public String toString() {
        return id() + "@" + version() + " in " + folder();
    }
}

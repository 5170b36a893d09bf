package org.walle.pyvm;

import java.util.List;

/**
 * The parsed {@code task.json} of a task package.
 *
 * @param id        task id: lower-case letters, digits, '.', '_' and '-'
 * @param version   task version (free text, e.g. 1.2.0)
 * @param entry     the entry script, relative to the package root
 * @param triggers  the event sequences that fire the task
 * @param resources resource files the task declares (models, vocabularies, images)
 * @param limits    per-invocation limits
 */
public record TaskManifest(String id, String version, String entry, List<Trigger> triggers, List<String> resources,
        TaskLimits limits) {
    public TaskManifest {
        triggers = List.copyOf(triggers);
        resources = List.copyOf(resources);
    }
}

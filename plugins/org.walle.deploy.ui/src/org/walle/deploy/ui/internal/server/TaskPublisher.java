package org.walle.deploy.ui.internal.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.walle.deploy.client.DeployClientException;
import org.walle.deploy.client.MgmtClient;
import org.walle.pyvm.TaskPackage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Publishes a task folder to a server: validate the package, create the task if the server does not know it, push
 * the folder as a version (a git commit + tag on the server), then create a release, for which the server builds
 * the content-addressed bundle and signs it.
 */
public final class TaskPublisher {
    /** The outcome: the release the server created and its signed bundle's hash. */
    public record Published(String taskId, String version, long releaseId, String bundleSha256) {
    }

    public static final int STEPS = 4;
    private final URI server;
    private final String token;

    public TaskPublisher(URI server, String token) {
        this.server = server;
        this.token = token;
    }

    /**
     * Checks the folder the way devices will ({@code task.json}, entry script, resources, size limits).
     *
     * @throws org.walle.pyvm.TaskPackageException listing every problem
     */
    public static TaskPackage validate(Path folder) {
        return TaskPackage.open(folder);
    }

    /** Runs the four steps, naming each through {@code step} before it starts. */
    public Published publish(Path folder, String version, String message, Consumer<String> step) throws IOException {
        step.accept("Checking the task package " + folder.getFileName());
        TaskPackage pkg = validate(folder);
        String taskId = pkg.id();
        MgmtClient client = new MgmtClient(server, token);
        step.accept("Registering task " + taskId);
        ensureTask(client, taskId);
        step.accept("Pushing " + taskId + " " + version);
        client.pushVersion(taskId, version, message, folder);
        step.accept("Building and signing the bundle");
        JsonNode release = client.createRelease(taskId, version);
        return new Published(taskId, version, release.path("id").asLong(), release.path("bundleSha256").asText());
    }

    private static void ensureTask(MgmtClient client, String taskId) {
        try {
            client.task(taskId);
        } catch (DeployClientException e) {
            if (e.status() != 404) {
                throw e;
            }
            client.createTask(taskId, taskId);
        }
    }
}

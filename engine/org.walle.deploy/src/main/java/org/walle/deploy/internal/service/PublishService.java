package org.walle.deploy.internal.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SortedMap;

import org.walle.deploy.internal.bundle.BundleStore;
import org.walle.deploy.internal.bundle.ServerKey;
import org.walle.deploy.internal.bundle.SnapshotReader;
import org.walle.deploy.internal.bundle.TaskGit;
import org.walle.deploy.internal.store.Stores;
import org.walle.deploy.model.Bundle;
import org.walle.deploy.model.Release;
import org.walle.deploy.model.Task;
import org.walle.deploy.model.TaskVersion;

/**
 * Tasks, versions and releases. Ordering is what makes publishing crash-safe: git objects and the bundle file are
 * made durable first, and the database rows that make them visible are committed last, in one transaction.
 */
public final class PublishService {
    private final Stores stores;
    private final TaskGit git;
    private final BundleStore bundles;
    private final ServerKey key;

    public PublishService(Stores stores, TaskGit git, BundleStore bundles, ServerKey key) {
        this.stores = stores;
        this.git = git;
        this.bundles = bundles;
        this.key = key;
    }

    public Task createTask(String id, String name, String actor) {
        Validate.slug("id", id);
        Task t = new Task(id, Validate.text("name", name == null ? id : name, 200), System.currentTimeMillis());
        return stores.db().inTransaction(c -> {
            if (stores.tasks().find(c, id).isPresent()) {
                throw ApiException.conflict("task '" + id + "' already exists");
            }
            stores.tasks().insert(c, t);
            stores.audit().append(c, actor, "task.create", "task:" + id, t.name(), t.createdAt());
            return t;
        });
    }

    public Task task(String id) {
        return stores.db().inTransaction(c -> stores.tasks().find(c, id))
                .orElseThrow(() -> ApiException.notFound("task '" + id + "'"));
    }

    /** Commits an uploaded snapshot (zip) as a new tagged version of the task. */
    public TaskVersion pushVersion(String taskId, String version, String message, InputStream zip, String actor) {
        task(taskId);
        Validate.version("version", version);
        String msg = Validate.optionalText("message", message, 1000);
        if (stores.db().inTransaction(c -> stores.tasks().findVersion(c, taskId, version)).isPresent()) {
            throw ApiException.conflict("task '" + taskId + "' already has version '" + version + "'");
        }
        try {
            SortedMap<String, byte[]> files = SnapshotReader.read(zip);
            String commit = git.commit(taskId, version, msg == null || msg.isBlank() ? "version " + version : msg,
                    actor, files);
            TaskVersion v = new TaskVersion(taskId, version, commit, msg == null ? "" : msg, System.currentTimeMillis());
            return stores.db().inTransaction(c -> {
                if (stores.tasks().findVersion(c, taskId, version).isPresent()) {
                    throw ApiException.conflict("task '" + taskId + "' already has version '" + version + "'");
                }
                stores.tasks().insertVersion(c, v);
                stores.audit().append(c, actor, "version.push", "task:" + taskId, version + " " + commit, v.createdAt());
                return v;
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not store version " + version + " of task " + taskId, e);
        }
    }

    /** Builds (or reuses) the signed bundle of a version and records a release for it. */
    public Release createRelease(String taskId, String version, String actor) {
        TaskVersion v = stores.db().inTransaction(c -> stores.tasks().findVersion(c, taskId, version))
                .orElseThrow(() -> ApiException.notFound("version '" + version + "' of task '" + taskId + "'"));
        try {
            BundleStore.Stored stored = bundles.store(out -> git.writeBundle(taskId, v.commitId(), out));
            Bundle bundle = new Bundle(stored.sha256(), stored.size(), key.sign(stored.sha256()),
                    System.currentTimeMillis());
            long id = stores.db().inTransaction(c -> {
                stores.releases().insertBundleIfAbsent(c, bundle);
                long rid = stores.releases().insertRelease(c, taskId, version, v.commitId(), bundle.sha256(),
                        bundle.createdAt());
                stores.audit().append(c, actor, "release.create", "release:" + rid,
                        taskId + "@" + version + " sha256=" + bundle.sha256(), bundle.createdAt());
                return rid;
            });
            return release(id);
        } catch (IOException e) {
            throw new UncheckedIOException("could not build the bundle of " + taskId + "@" + version, e);
        }
    }

    public Release release(long id) {
        return stores.db().inTransaction(c -> stores.releases().find(c, id))
                .orElseThrow(() -> ApiException.notFound("release " + id));
    }

    public Path bundleFile(String sha256) {
        return bundles.path(sha256);
    }

    /** Start-up recovery: delete bundle files that no committed row refers to (a publish cut short by a crash). */
    public int removeOrphanBundles() throws IOException {
        return bundles.removeOrphans(stores.db().inTransaction(c -> stores.releases().allBundleHashes(c)));
    }

    public String publicKey() {
        return key.publicKeyBase64();
    }
}

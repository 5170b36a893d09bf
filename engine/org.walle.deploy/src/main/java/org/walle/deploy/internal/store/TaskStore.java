package org.walle.deploy.internal.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.walle.deploy.model.Page;
import org.walle.deploy.model.Task;
import org.walle.deploy.model.TaskVersion;

/** Tasks and their tagged versions. */
public final class TaskStore {
    public void insert(Connection c, Task t) throws SQLException {
        Jdbc.update(c, "INSERT INTO tasks (id, name, created_at) VALUES (?, ?, ?)", t.id(), t.name(), t.createdAt());
    }

    public Optional<Task> find(Connection c, String id) throws SQLException {
        return Jdbc.one(c, "SELECT id, name, created_at FROM tasks WHERE id = ?", TaskStore::task, id);
    }

    public Page<Task> list(Connection c, int offset, int limit) throws SQLException {
        List<Task> items = Jdbc.query(c, "SELECT id, name, created_at FROM tasks ORDER BY id LIMIT ? OFFSET ?",
                TaskStore::task, limit, offset);
        return new Page<>(items, Jdbc.count(c, "SELECT COUNT(*) FROM tasks"), offset, limit);
    }

    public void insertVersion(Connection c, TaskVersion v) throws SQLException {
        Jdbc.update(c, "INSERT INTO task_versions (task_id, version, commit_id, message, created_at) VALUES (?, ?, ?, ?, ?)",
                v.taskId(), v.version(), v.commitId(), v.message(), v.createdAt());
    }

    public Optional<TaskVersion> findVersion(Connection c, String taskId, String version) throws SQLException {
        return Jdbc.one(c, "SELECT task_id, version, commit_id, message, created_at FROM task_versions "
                + "WHERE task_id = ? AND version = ?", TaskStore::version, taskId, version);
    }

    public Page<TaskVersion> listVersions(Connection c, String taskId, int offset, int limit) throws SQLException {
        List<TaskVersion> items = Jdbc.query(c, "SELECT task_id, version, commit_id, message, created_at FROM task_versions "
                + "WHERE task_id = ? ORDER BY created_at, version LIMIT ? OFFSET ?", TaskStore::version, taskId, limit, offset);
        return new Page<>(items, Jdbc.count(c, "SELECT COUNT(*) FROM task_versions WHERE task_id = ?", taskId), offset, limit);
    }

    private static Task task(java.sql.ResultSet rs) throws SQLException {
        return new Task(rs.getString("id"), rs.getString("name"), rs.getLong("created_at"));
    }

    private static TaskVersion version(java.sql.ResultSet rs) throws SQLException {
        return new TaskVersion(rs.getString("task_id"), rs.getString("version"), rs.getString("commit_id"),
                rs.getString("message"), rs.getLong("created_at"));
    }
}

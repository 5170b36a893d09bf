package org.walle.deploy.internal.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.SortedMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * One bare git repository per task under {@code git/<taskId>.git}. A pushed snapshot becomes a commit on
 * {@code refs/heads/main} and a tag {@code refs/tags/<version>}; a bundle is the zip of a commit's tree, written
 * deterministically (git path order, fixed timestamps) so the same tree always hashes the same and is stored once.
 */
public final class TaskGit {
    private static final String MAIN = "refs/heads/main";
    private static final LocalDateTime ZIP_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    private final Path root;

    public TaskGit(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    private Repository open(String taskId, boolean create) throws IOException {
        Path dir = root.resolve(taskId + ".git");
        Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
        if (create && !Files.exists(dir.resolve("HEAD"))) {
            repo.create(true);
            RefUpdate head = repo.getRefDatabase().newUpdate(Constants.HEAD, false);
            head.link(MAIN);
        }
        return repo;
    }

    /**
     * Commits {@code files} (path -> content) as the new tree of main and tags it {@code version}. A tag left by a
     * crash before the database row was committed is overwritten: the database, not git, says which versions exist.
     *
     * @return the commit id
     */
    public String commit(String taskId, String version, String message, String author, SortedMap<String, byte[]> files)
            throws IOException {
        try (Repository repo = open(taskId, true); ObjectInserter ins = repo.newObjectInserter()) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder b = index.builder();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                DirCacheEntry e = new DirCacheEntry(f.getKey());
                e.setFileMode(FileMode.REGULAR_FILE);
                e.setObjectId(ins.insert(Constants.OBJ_BLOB, f.getValue()));
                b.add(e);
            }
            b.finish();
            ObjectId tree = index.writeTree(ins);
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(tree);
            Ref head = repo.exactRef(MAIN);
            if (head != null) {
                cb.setParentId(head.getObjectId());
            }
            PersonIdent who = new PersonIdent(author, author + "@walle.local");
            cb.setAuthor(who);
            cb.setCommitter(who);
            cb.setMessage(message);
            ObjectId commit = ins.insert(cb);
            ins.flush();
            update(repo, MAIN, commit, head == null ? ObjectId.zeroId() : head.getObjectId());
            RefUpdate tag = repo.updateRef(Constants.R_TAGS + version);
            tag.setNewObjectId(commit);
            tag.setForceUpdate(true);
            check(tag.update(), "tag " + version);
            return commit.name();
        }
    }

    private static void update(Repository repo, String ref, ObjectId to, ObjectId expected) throws IOException {
        RefUpdate u = repo.updateRef(ref);
        u.setNewObjectId(to);
        u.setExpectedOldObjectId(expected);
        check(u.update(), ref);
    }

    private static void check(RefUpdate.Result r, String what) throws IOException {
        switch (r) {
            case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> { }
            default -> throw new IOException("git update of " + what + " failed: " + r);
        }
    }

    /** Writes the deterministic zip of the commit's tree. */
    public void writeBundle(String taskId, String commitId, OutputStream out) throws IOException {
        try (Repository repo = open(taskId, false); ObjectReader reader = repo.newObjectReader();
                RevWalk walk = new RevWalk(reader); TreeWalk tw = new TreeWalk(reader)) {
            RevCommit commit = walk.parseCommit(ObjectId.fromString(commitId));
            tw.addTree(commit.getTree());
            tw.setRecursive(true);
            ZipOutputStream zip = new ZipOutputStream(out);
            while (tw.next()) {
                ZipEntry e = new ZipEntry(tw.getPathString());
                e.setTimeLocal(ZIP_TIME);
                zip.putNextEntry(e);
                reader.open(tw.getObjectId(0)).copyTo(zip);
                zip.closeEntry();
            }
            zip.finish();
        }
    }

    /** The commit a tag points at, or null. */
    public String tagged(String taskId, String version) throws IOException {
        try (Repository repo = open(taskId, false)) {
            Ref r = repo.exactRef(Constants.R_TAGS + version);
            return r == null ? null : r.getObjectId().name();
        }
    }
}

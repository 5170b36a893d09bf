package org.walle.deploy.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.walle.deploy.model.Assignment;
import org.walle.deploy.model.Bundle;
import org.walle.deploy.model.DeviceAttributes;
import org.walle.deploy.model.Report;
import org.walle.deploy.model.ReportStatus;
import org.walle.deploy.model.Role;
import org.walle.deploy.model.Task;
import org.walle.deploy.model.TaskVersion;
import org.walle.deploy.rollout.Rollout;
import org.walle.deploy.rollout.RolloutStatus;
import org.walle.deploy.rollout.Stage;
import org.walle.deploy.rollout.Thresholds;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The repository layer's contract, run against H2 always and PostgreSQL when configured. */
abstract class StoreContract {
    private static final com.fasterxml.jackson.databind.JsonNode ALL = new ObjectMapper().createObjectNode()
            .set("all", new ObjectMapper().createArrayNode());
    protected Stores s;

    /** A fresh, empty, migrated database. */
    protected abstract Database open() throws Exception;

    protected void cleanup() throws Exception {
    }

    @BeforeEach
    void setUp() throws Exception {
        s = Stores.over(open());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (s != null) {
            s.db().close();
        }
        cleanup();
    }

    private <T> T tx(Database.TxWork<T> w) {
        return s.db().inTransaction(w);
    }

    private boolean txb(Database.TxWork<Boolean> w) {
        return s.db().inTransaction(w);
    }

    private long seedRelease(String task, String version, String sha) {
        return tx(c -> {
            if (s.tasks().find(c, task).isEmpty()) {
                s.tasks().insert(c, new Task(task, task, 1));
            }
            s.tasks().insertVersion(c, new TaskVersion(task, version, "a".repeat(40), "m", 2));
            s.releases().insertBundleIfAbsent(c, new Bundle(sha, 10, "sig", 3));
            return s.releases().insertRelease(c, task, version, "a".repeat(40), sha, 4);
        });
    }

    @Test
    void migrationsAreRecordedAndIdempotent() {
        assertEquals(Migrations.SCRIPTS.size(), new Migrations(s.db()).currentVersion());
        new Migrations(s.db()).migrate();
        assertEquals(Migrations.SCRIPTS.size(), new Migrations(s.db()).currentVersion());
    }

    @Test
    void tasksPageAndDuplicatesAreConflicts() {
        tx(c -> {
            for (int i = 0; i < 7; i++) {
                s.tasks().insert(c, new Task("t" + i, "task " + i, i));
            }
            return null;
        });
        var page = tx(c -> s.tasks().list(c, 5, 5));
        assertEquals(7, page.total());
        assertEquals(List.of("t5", "t6"), page.items().stream().map(Task::id).toList());
        StoreException e = assertThrows(StoreException.class, () -> tx(c -> {
            s.tasks().insert(c, new Task("t1", "again", 0));
            return null;
        }));
        assertTrue(e.isDuplicateKey(), e.getMessage());
    }

    @Test
    void aFailedTransactionLeavesNothing() {
        assertThrows(IllegalStateException.class, () -> tx(c -> {
            s.tasks().insert(c, new Task("ghost", "g", 0));
            throw new IllegalStateException("crash in the middle");
        }));
        assertTrue(tx(c -> s.tasks().find(c, "ghost")).isEmpty());
    }

    @Test
    void bundlesAreStoredOnceAndReleasesJoinThem() {
        String sha = "b".repeat(64);
        long r1 = seedRelease("vad", "1.0", sha);
        long r2 = seedRelease("vad", "1.1", sha);
        assertFalse(txb(c -> s.releases().insertBundleIfAbsent(c, new Bundle(sha, 10, "sig", 3))));
        assertEquals(java.util.Set.of(sha), tx(c -> s.releases().allBundleHashes(c)));
        var rel = tx(c -> s.releases().find(c, r2)).orElseThrow();
        assertEquals("1.1", rel.version());
        assertEquals(10, rel.size());
        assertEquals(2, tx(c -> s.releases().list(c, "vad", 0, 10)).total());
        assertEquals(0, tx(c -> s.releases().list(c, "other", 0, 10)).total());
        assertTrue(r1 < r2);
    }

    @Test
    void rolloutsRoundTripStagesAndTransitions() throws Exception {
        long rel = seedRelease("vad", "1.0", "c".repeat(64));
        long pol = tx(c -> s.policies().insert(c, "all", ALL, 1));
        List<Stage> stages = Stage.standard("beta", Thresholds.DEFAULT);
        long id = tx(c -> s.rollouts().insert(c, rel, pol, stages, 5));
        Rollout r = tx(c -> s.rollouts().lock(c, id)).orElseThrow();
        assertEquals(RolloutStatus.CREATED, r.status());
        assertEquals(stages, r.stages());
        tx(c -> {
            s.rollouts().update(c, id, RolloutStatus.RUNNING, 3, "advance", 6);
            return null;
        });
        assertEquals(1, tx(c -> s.rollouts().withStatus(c, RolloutStatus.RUNNING)).size());
        assertEquals(3, tx(c -> s.rollouts().find(c, id)).orElseThrow().stageIndex());
        assertEquals("{\"all\":[]}", tx(c -> s.policies().find(c, pol)).orElseThrow().rule().toString());
    }

    @Test
    void devicesAssignmentsAndFetchRights() throws Exception {
        String shaOld = "d".repeat(64);
        String shaNew = "e".repeat(64);
        long oldRel = seedRelease("vad", "1.0", shaOld);
        long newRel = seedRelease("vad", "2.0", shaNew);
        long pol = tx(c -> s.policies().insert(c, "all", ALL, 1));
        long ro = tx(c -> s.rollouts().insert(c, newRel, pol, List.of(Stage.standard("b", Thresholds.DEFAULT).get(6)), 1));
        DeviceAttributes a = new DeviceAttributes("1", "android", "13", "m", "high", "eu", "beta", false);
        tx(c -> {
            s.devices().upsert(c, "dev-1", a, 1);
            s.devices().upsert(c, "dev-1", new DeviceAttributes("2", "android", "14", "m", "high", "us", null, true), 2);
            s.assignments().put(c, new Assignment("dev-1", "vad", newRel, ro, 0, oldRel, 3));
            return null;
        });
        var d = tx(c -> s.devices().find(c, "dev-1")).orElseThrow();
        assertEquals("us", d.attributes().region());
        assertNull(d.attributes().userGroup());
        assertEquals(1, d.registeredAt(), "re-registration keeps the first registration time");
        assertTrue(txb(c -> s.assignments().deviceMayFetch(c, "dev-1", shaNew)));
        assertTrue(txb(c -> s.assignments().deviceMayFetch(c, "dev-1", shaOld)), "the previous release stays fetchable");
        assertFalse(txb(c -> s.assignments().deviceMayFetch(c, "dev-2", shaNew)));
        tx(c -> {
            s.assignments().put(c, new Assignment("dev-1", "vad", oldRel, ro, 0, null, 4));
            return null;
        });
        Assignment back = tx(c -> s.assignments().find(c, "dev-1", "vad")).orElseThrow();
        assertEquals(oldRel, back.releaseId());
        assertNull(back.previousReleaseId());
        assertEquals(1L, (long) tx(c -> s.assignments().countForRollout(c, ro)));
        tx(c -> {
            s.assignments().delete(c, "dev-1", "vad");
            return null;
        });
        assertTrue(tx(c -> s.assignments().forDevice(c, "dev-1")).isEmpty());
    }

    @Test
    void stageStatsCountLatestOutcomePerDevice() throws Exception {
        long rel = seedRelease("vad", "1.0", "f".repeat(64));
        tx(c -> {
            for (String id : new String[] {"a", "b", "c"}) {
                s.devices().upsert(c, id, new DeviceAttributes(null, null, null, null, null, null, null, false), 1);
            }
            s.reports().insert(c, new Report(0, "a", rel, 9, 1, ReportStatus.DOWNLOADED, null, null, 1));
            s.reports().insert(c, new Report(0, "a", rel, 9, 1, ReportStatus.INSTALL_FAILED, 100L, "disk full", 2));
            s.reports().insert(c, new Report(0, "a", rel, 9, 1, ReportStatus.INSTALLED, 30L, null, 3));
            s.reports().insert(c, new Report(0, "b", rel, 9, 1, ReportStatus.TASK_ERROR, 20L, "boom", 4));
            s.reports().insert(c, new Report(0, "c", rel, 9, 1, ReportStatus.DOWNLOADED, null, null, 5));
            s.reports().insert(c, new Report(0, "c", rel, 9, 2, ReportStatus.TASK_OK, 10L, null, 6));
            return null;
        });
        StageStats st = tx(c -> s.reports().stageStats(c, 9, 1));
        assertEquals(new StageStats(2, 1, 1, 100), st, "a retried and healed, b failed, c only downloaded");
        assertEquals(0.5, st.errorRate());
        assertEquals(6, tx(c -> s.reports().list(c, 9L, null, 0, 50)).total());
        assertEquals(3, tx(c -> s.reports().list(c, null, "a", 0, 50)).total());
    }

    @Test
    void coverageCountsTheLatestInstallPerDeviceOverDevicesHoldingTheTask() throws Exception {
        long v1 = seedRelease("cov", "1.0", "1".repeat(64));
        long v2 = seedRelease("cov", "2.0", "2".repeat(64));
        long other = seedRelease("elsewhere", "1.0", "3".repeat(64));
        long pol = tx(c -> s.policies().insert(c, "all", ALL, 1));
        long ro = tx(c -> s.rollouts().insert(c, v2, pol, List.of(Stage.standard("b", Thresholds.DEFAULT).get(6)), 1));
        tx(c -> {
            for (String id : new String[] {"a", "b", "c", "gone"}) {
                s.devices().upsert(c, id, new DeviceAttributes(null, null, null, null, null, null, null, false), 1);
            }
            s.assignments().put(c, new Assignment("a", "cov", v2, ro, 0, v1, 2));
            s.assignments().put(c, new Assignment("b", "cov", v2, ro, 0, v1, 2));
            s.assignments().put(c, new Assignment("c", "cov", v1, ro, 0, null, 2));
            s.assignments().put(c, new Assignment("a", "elsewhere", other, ro, 0, null, 2));
            for (String id : new String[] {"a", "b", "c", "gone"}) {
                s.reports().insert(c, new Report(0, id, v1, ro, 0, ReportStatus.INSTALLED, 5L, null, 3));
            }
            s.reports().insert(c, new Report(0, "a", v2, ro, 0, ReportStatus.INSTALLED, 5L, null, 4));
            s.reports().insert(c, new Report(0, "a", v2, ro, 0, ReportStatus.TASK_ERROR, 5L, "runs do not move it", 5));
            s.reports().insert(c, new Report(0, "b", v2, ro, 0, ReportStatus.INSTALL_FAILED, null, "bad hash", 6));
            s.reports().insert(c, new Report(0, "c", v2, ro, 0, ReportStatus.INSTALL_FAILED, null, "bad hash", 7));
            s.reports().insert(c, new Report(0, "c", v1, ro, 0, ReportStatus.INSTALLED, 5L, "back on 1.0", 8));
            s.reports().insert(c, new Report(0, "a", other, ro, 0, ReportStatus.INSTALLED, 5L, null, 9));
            return null;
        });
        // a runs 2.0; b failed 2.0 and keeps 1.0; c's later install of 1.0 heals its failure; "gone" holds no task
        assertEquals(List.of(new VersionCoverage(v1, "1.0", 1, 2, 0), new VersionCoverage(v2, "2.0", 2, 1, 1)),
                tx(c -> s.reports().coverage(c, "cov")));
        assertEquals(List.of(), tx(c -> s.reports().coverage(c, "nobody")));
    }

    @Test
    void auditTokensAndSettings() {
        tx(c -> {
            s.audit().append(c, "alice", "rollout.start", "rollout:1", "CREATED -> RUNNING", 1);
            s.audit().append(c, "bob", "task.create", "task:x", "", 2);
            s.tokens().insert(c, "h".repeat(64), new TokenStore.Principal(Role.DEVICE, "device:d", "d"), 1);
            s.settings().put(c, Settings.KILL_SWITCH, "true");
            s.settings().put(c, Settings.KILL_SWITCH, "false");
            return null;
        });
        assertEquals(1, tx(c -> s.audit().list(c, "rollout:1", 0, 10)).total());
        assertEquals(2, tx(c -> s.audit().list(c, null, 0, 10)).total());
        assertEquals("d", tx(c -> s.tokens().find(c, "h".repeat(64))).orElseThrow().deviceId());
        assertFalse(txb(c -> s.settings().killSwitch(c)));
        tx(c -> {
            s.tokens().deleteDeviceTokens(c, "d");
            return null;
        });
        assertTrue(tx(c -> s.tokens().find(c, "h".repeat(64))).isEmpty());
    }
}

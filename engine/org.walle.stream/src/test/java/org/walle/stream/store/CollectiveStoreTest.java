package org.walle.stream.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectiveStoreTest {
    @TempDir
    Path dir;
    private final AtomicLong clock = new AtomicLong(1_000_000);

    private StoreOptions options() {
        return StoreOptions.defaults().withClock(clock::get);
    }

    @Test
    void writesSurviveReopen() throws Exception {
        try (CollectiveStore store = CollectiveStore.open(dir, options())) {
            TaskStore t = store.task("ranker");
            t.putString("clicks", "3");
            t.put("blob", new byte[] {1, 2, 3});
            t.putString("gone", "x");
            assertTrue(t.delete("gone"));
            assertFalse(t.delete("gone"));
        }
        try (CollectiveStore store = CollectiveStore.open(dir, options())) {
            TaskStore t = store.task("ranker");
            assertEquals(Optional.of("3"), t.getString("clicks"));
            assertArrayEquals(new byte[] {1, 2, 3}, t.get("blob"));
            assertNull(t.get("gone"));
            assertEquals(List.of("blob", "clicks"), t.keys());
        }
    }

    @Test
    void namespacesAreIsolatedUntilGranted() throws Exception {
        try (CollectiveStore store = CollectiveStore.open(dir, options())) {
            TaskStore owner = store.task("features");
            TaskStore other = store.task("ranker");
            owner.putString("ctr", "0.1");
            other.putString("ctr", "0.9");
            assertEquals(Optional.of("0.1"), owner.getString("ctr"), "same key, different namespaces");
            StoreAccessException denied = assertThrows(StoreAccessException.class,
                    () -> other.shared("features").get("ctr"));
            assertTrue(denied.getMessage().contains("nothing granted"), denied.getMessage());

            owner.grant("ranker", Access.READ);
            assertEquals(Optional.of("0.1"), other.shared("features").getString("ctr"));
            assertThrows(StoreAccessException.class, () -> other.shared("features").putString("ctr", "x"));
            assertThrows(StoreAccessException.class, () -> other.shared("features").grant("third", Access.READ),
                    "only the owner grants");
            owner.grant("ranker", Access.READ_WRITE);
            other.shared("features").putString("ctr", "0.2");
        }
        try (CollectiveStore store = CollectiveStore.open(dir, options())) {
            TaskStore other = store.task("ranker");
            assertEquals(Optional.of("0.2"), other.shared("features").getString("ctr"), "grants are durable");
            store.task("features").revoke("ranker");
            assertThrows(StoreAccessException.class, () -> other.shared("features").get("ctr"));
        }
    }

    @Test
    void ttlHidesExpiredValuesAcrossReopen() throws Exception {
        try (CollectiveStore store = CollectiveStore.open(dir, options())) {
            TaskStore t = store.task("t");
            t.put("session", new byte[] {7}, Duration.ofSeconds(10));
            t.putString("forever", "y");
            clock.addAndGet(9_999);
            assertArrayEquals(new byte[] {7}, t.get("session"), "still alive 1 ms before expiry");
        }
        clock.addAndGet(1);
        try (CollectiveStore store = CollectiveStore.open(dir, options())) {
            TaskStore t = store.task("t");
            assertNull(t.get("session"), "expired at exactly ttl, also after a restart");
            assertEquals(List.of("forever"), t.keys());
        }
        assertThrows(IllegalArgumentException.class, () -> {
            try (CollectiveStore store = CollectiveStore.open(dir, options())) {
                store.task("t").put("k", new byte[1], Duration.ZERO);
            }
        });
    }

    /** Hostile writers: oversized values, a task filling its quota, and the whole store filling up. */
    @Test
    void capsRefuseWritesAndLeaveTheStoreUnchanged() throws Exception {
        StoreOptions capped = options().withMaxValueBytes(100).withMaxNamespaceBytes(1_000).withMaxTotalBytes(1_500);
        try (CollectiveStore store = CollectiveStore.open(dir, capped)) {
            TaskStore a = store.task("a");
            StoreFullException big = assertThrows(StoreFullException.class, () -> a.put("big", new byte[101]));
            assertTrue(big.getMessage().contains("cap is 100"), big.getMessage());
            int written = 0;
            try {
                while (true) {
                    a.put("k" + written, new byte[100]);
                    written++;
                }
            } catch (StoreFullException e) {
                assertTrue(e.getMessage().contains("namespace 'a'"), e.getMessage());
            }
            assertEquals(7, written, "7 x (32 + 2 + 100) bytes fit in 1000");
            assertNull(a.get("k7"));
            a.put("k0", new byte[50]); // shrinking an entry is always allowed
            TaskStore b = store.task("b");
            assertThrows(StoreFullException.class, () -> {
                for (int i = 0; i < 10; i++) {
                    b.put("k" + i, new byte[100]);
                }
            });
            assertTrue(store.totalBytes() <= 1_500);
        }
    }

    @Test
    void expiredEntriesMakeRoomUnderTheCap() throws Exception {
        StoreOptions capped = options().withMaxNamespaceBytes(300);
        try (CollectiveStore store = CollectiveStore.open(dir, capped)) {
            TaskStore t = store.task("t");
            t.put("old", new byte[200], Duration.ofSeconds(1));
            assertThrows(StoreFullException.class, () -> t.put("new", new byte[200]));
            clock.addAndGet(1_000);
            t.put("new", new byte[200]);
            assertEquals(List.of("new"), t.keys());
        }
    }

    @Test
    void compactionBoundsTheLogAndKeepsTheState() throws Exception {
        StoreOptions small = options().withCompactAfterLogBytes(4_096);
        try (CollectiveStore store = CollectiveStore.open(dir, small)) {
            TaskStore t = store.task("counter");
            for (int i = 0; i < 2_000; i++) {
                t.putString("k" + (i % 10), "v" + i);
                assertTrue(store.logBytes() <= 4_096 + 200, "log " + store.logBytes());
            }
            t.grant("reader", Access.READ);
        }
        try (CollectiveStore store = CollectiveStore.open(dir, small)) {
            for (int k = 0; k < 10; k++) {
                assertEquals(Optional.of("v" + (1990 + k)), store.task("counter").getString("k" + k));
            }
            assertEquals(Optional.of("v1999"), store.task("reader").shared("counter").getString("k9"));
            assertEquals(10, store.entryCount());
        }
    }

    @Test
    void badKeysAndTaskIdsAreRefused() throws Exception {
        try (CollectiveStore store = CollectiveStore.open(dir, options())) {
            assertThrows(IllegalArgumentException.class, () -> store.task(""));
            assertThrows(IllegalArgumentException.class, () -> store.task("t").put("x".repeat(1025), new byte[1]));
        }
    }
}

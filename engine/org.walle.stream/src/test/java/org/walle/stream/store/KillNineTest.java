package org.walle.stream.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing JVM with SIGKILL (destroyForcibly) in the middle of its writes, three times over the same store,
 * and checks after each kill that every acknowledged write is there with its exact value.
 */
class KillNineTest {
    @TempDir
    Path dir;

    /** Values vary in size (so kills land inside records of different lengths) and are checkable. */
    static byte[] valueFor(int i) {
        byte[] v = new byte[1 + (i * 37) % 300];
        Arrays.fill(v, (byte) i);
        return v;
    }

    @Test
    void noAcknowledgedWriteIsLostAndNothingIsCorrupted() throws Exception {
        int[] killAfter = {150, 700, 1_500};
        for (int round = 0; round < killAfter.length; round++) {
            int acked = runAndKill(killAfter[round] + round * 7);
            try (CollectiveStore store = CollectiveStore.open(dir)) {
                TaskStore task = store.task("writer");
                for (int i = 0; i <= acked; i++) {
                    byte[] value = task.get("k" + i);
                    assertNotNull(value, "round " + round + ": acknowledged k" + i + " is missing (acked up to "
                            + acked + ")");
                    assertArrayEquals(valueFor(i), value, "k" + i);
                }
                // an unacknowledged write may or may not have landed, but if it did it must be whole
                byte[] next = task.get("k" + (acked + 1));
                if (next != null) {
                    assertArrayEquals(valueFor(acked + 1), next);
                }
                assertTrue(store.entryCount() <= acked + 2, store.entryCount() + " entries for " + acked + " acks");
            }
        }
    }

    /** Starts the child, kills it after at least {@code minAcks} acks, returns the highest acked index. */
    private int runAndKill(int minAcks) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StoreWriterChild.class.getName(), dir.toString()).redirectErrorStream(true).start();
        int last = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertEquals("READY", line, "child did not start");
            boolean killed = false;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    last = Integer.parseInt(line.substring(4));
                } else {
                    throw new AssertionError("child wrote: " + line);
                }
                if (!killed && last >= minAcks) {
                    // SIGKILL: no shutdown hooks, no close(). Through the handle, because Process.destroyForcibly
                    // would also close our end of the pipe and lose the ACK lines still in it.
                    child.toHandle().destroyForcibly();
                    killed = true;
                }
            }
            assertTrue(killed, "child ended by itself");
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        return last;
    }
}

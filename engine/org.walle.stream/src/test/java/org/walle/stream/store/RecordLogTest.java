package org.walle.stream.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.stream.internal.CorruptLogException;
import org.walle.stream.internal.RecordLog;

/** Crash damage a log can show, and how opening treats it. */
class RecordLogTest {
    @TempDir
    Path dir;

    private Path writeTen() throws IOException {
        Path file = dir.resolve("log");
        try (RecordLog log = RecordLog.open(file, (o, p) -> { })) {
            for (int i = 0; i < 10; i++) {
                log.append(("record-" + i).getBytes(StandardCharsets.UTF_8), true);
            }
        }
        return file;
    }

    private List<String> reopen(Path file) throws IOException {
        List<String> seen = new ArrayList<>();
        try (RecordLog log = RecordLog.open(file, (o, p) -> seen.add(new String(p, StandardCharsets.UTF_8)))) {
            log.append("after".getBytes(StandardCharsets.UTF_8), true);
        }
        return seen;
    }

    private static void append(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, StandardOpenOption.APPEND);
    }

    @Test
    void tornTailsAreDroppedAndTheLogStaysUsable() throws IOException {
        byte[][] tails = {
            {0, 0, 0}, // half a header
            ByteBuffer.allocate(12).putInt(100).putInt(42).putInt(7).array(), // header promising 100 bytes, 4 given
            ByteBuffer.allocate(13).putInt(5).putInt(42).put("hello".getBytes(StandardCharsets.UTF_8)).array(),
            new byte[4096], // zeros left by the file system after a crash
        };
        for (byte[] tail : tails) {
            Path file = writeTen();
            long good = Files.size(file);
            append(file, tail);
            List<String> seen = reopen(file);
            assertEquals(10, seen.size(), "tail of " + tail.length + " bytes");
            assertEquals("record-9", seen.get(9));
            assertEquals(good + 8 + 5, Files.size(file), "truncated to the last good record, then appended");
            List<String> again = reopen(file);
            assertEquals(List.of("record-9", "after"), again.subList(9, 11), "the append after recovery is intact");
            Files.delete(file);
        }
    }

    @Test
    void damageFollowedByIntactDataIsCorruptionNotATornTail() throws IOException {
        Path file = writeTen();
        byte[] bytes = Files.readAllBytes(file);
        bytes[3 * (8 + 8) + 10] ^= 0x40; // flip a bit inside record 3's payload
        Files.write(file, bytes);
        CorruptLogException e = assertThrows(CorruptLogException.class, () -> reopen(file));
        assertTrue(e.getMessage().contains("checksum mismatch at offset 48"), e.getMessage());
        assertEquals(bytes.length, Files.size(file), "nothing was truncated");
    }

    @Test
    void storeKeepsAcknowledgedWritesWhenItsLogHasATornTail() throws IOException {
        Path storeDir = dir.resolve("store");
        try (CollectiveStore store = CollectiveStore.open(storeDir)) {
            for (int i = 0; i < 20; i++) {
                store.task("t").putString("k" + i, "v" + i);
            }
        }
        append(storeDir.resolve("wal-0.log"), ByteBuffer.allocate(10).putInt(500).putInt(1).array());
        try (CollectiveStore store = CollectiveStore.open(storeDir)) {
            assertEquals(10, store.recoveredTailBytes());
            assertEquals(20, store.entryCount());
            assertEquals(Optional.of("v19"), store.task("t").getString("k19"));
        }
    }
}

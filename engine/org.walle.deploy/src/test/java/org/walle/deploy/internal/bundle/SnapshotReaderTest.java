package org.walle.deploy.internal.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

/** Hostile uploads: zip-slip paths, absolute paths, .git injection, zip bombs, garbage, empty archives. */
class SnapshotReaderTest {
    private static byte[] zip(String... names) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (String n : names) {
                z.putNextEntry(new ZipEntry(n));
                z.write(n.getBytes());
                z.closeEntry();
            }
        }
        return b.toByteArray();
    }

    @Test
    void readsANormalSnapshot() throws IOException {
        var files = SnapshotReader.read(new ByteArrayInputStream(zip("main.py", "lib/a.py")));
        assertEquals(2, files.size());
        assertEquals("main.py", new String(files.get("main.py")));
    }

    @Test
    void rejectsUnsafePaths() {
        for (String bad : new String[] {"../evil.py", "a/../../evil", "/etc/passwd", "C:/x", "a\\b", ".git/config",
                "a//b", "./x"}) {
            InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class,
                    () -> SnapshotReader.read(new ByteArrayInputStream(zip(bad))), bad);
            assertTrue(e.getMessage().contains("unsafe path"), e.getMessage());
        }
    }

    @Test
    void rejectsBombsGarbageDuplicatesAndEmptiness() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry("zeros"));
            byte[] mb = new byte[1 << 20];
            for (int i = 0; i < 70; i++) {
                z.write(mb);
            }
            z.closeEntry();
        }
        assertTrue(b.size() < 200_000, "the bomb compresses well");
        InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class,
                () -> SnapshotReader.read(new ByteArrayInputStream(b.toByteArray())));
        assertTrue(e.getMessage().contains("expands beyond"), e.getMessage());
        assertThrows(InvalidSnapshotException.class,
                () -> SnapshotReader.read(new ByteArrayInputStream("not a zip".getBytes())));
        assertThrows(InvalidSnapshotException.class, () -> SnapshotReader.read(new ByteArrayInputStream(zip())));
    }
}

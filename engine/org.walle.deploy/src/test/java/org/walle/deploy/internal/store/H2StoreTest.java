package org.walle.deploy.internal.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository contract on the embedded H2 file database (always runs). */
class H2StoreTest extends StoreContract {
    @TempDir
    Path dir;

    @Override
    protected Database open() {
        return Database.h2File(dir);
    }

    @Test
    void theFileDatabaseIsCreatedOnFirstOpenAndKeepsData() {
        assertTrue(dir.resolve("walle-deploy.mv.db").toFile().exists());
        s.db().inTransaction(c -> {
            s.tasks().insert(c, new org.walle.deploy.model.Task("kept", "k", 1));
            return null;
        });
        s.db().close();
        s = Stores.over(Database.h2File(dir));
        assertTrue(s.db().inTransaction(c -> s.tasks().find(c, "kept")).isPresent());
    }

    @Test
    void unsupportedUrlsAreRefusedWithoutLeakingPasswords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Database.open("jdbc:mysql://x/y?user=a&password=secret"));
        assertTrue(e.getMessage().contains("jdbc:postgresql") && !e.getMessage().contains("secret"), e.getMessage());
    }
}

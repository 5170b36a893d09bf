package org.walle.pyvm.internal.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.python.core.PySystemState;

/** Pooled states import the library modules tasks have used, and only allow-listed ones. */
class InterpreterPoolTest {
    @Test
    void statesImportWhatTasksImportedBefore() throws Exception {
        try (InterpreterPool pool = new InterpreterPool(1, Set.of("json", "random"))) {
            pool.awaitWarm(60_000);
            PySystemState first = pool.take().state();
            assertNull(first.modules.__finditem__("json"), "nothing learned yet: a bare state");

            // what TaskRunner reports after a run; os is not importable by tasks, so it is never pre-imported
            pool.noteImported(List.of("json", "os"));
            assertEquals(List.of("json"), pool.preImports());
            pool.take(); // the state made before the run was still bare; the refill after it is not
            pool.awaitWarm(60_000);
            InterpreterPool.Taken taken = pool.take();
            assertTrue(taken.warm());
            assertNotNull(taken.state().modules.__finditem__("json"));
            assertNull(taken.state().modules.__finditem__("random"));
        }
    }
}

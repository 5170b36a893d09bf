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
            // a refill that started before the note may still hand out one bare state (or a cold one when take()
            // outruns it); every state made after the note imports json, so the third take at the latest has it
            InterpreterPool.Taken taken = null;
            for (int i = 0; i < 3; i++) {
                pool.awaitWarm(60_000);
                taken = pool.take();
                if (taken.state().modules.__finditem__("json") != null) {
                    break;
                }
            }
            assertTrue(taken.warm());
            assertNotNull(taken.state().modules.__finditem__("json"), "states made after the note import json");
            assertNull(taken.state().modules.__finditem__("random"));
        }
    }
}

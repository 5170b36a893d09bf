package org.walle.engine.backend;

import org.walle.engine.backend.ref.Operand;

/** A prepared command (weights packed, kernel compiled): run it as many times as the plan runs. */
@FunctionalInterface
public interface Execution {
    /**
     * Runs the command once and returns when its outputs are complete. Host-memory backends get the operands in
     * the command's input and output order; other backends find their own buffers and get empty arrays.
     */
    void onExecute(Operand[] inputs, Operand[] outputs);
}

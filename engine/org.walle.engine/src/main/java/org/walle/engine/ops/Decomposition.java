package org.walle.engine.ops;

/** Rewrites one node into atomic commands and virtual tensors through {@link OpContext}'s emit methods. */
@FunctionalInterface
public interface Decomposition {
    void decompose(OpContext ctx);
}

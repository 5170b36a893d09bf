package org.walle.engine.runtime.internal;

import org.walle.engine.backend.Backend;
import org.walle.engine.backend.Execution;
import org.walle.engine.decompose.Command;

/** One command bound to the backend and algorithm the search chose for it. */
public record Step(Command command, Backend backend, String algorithm, Execution execution) {
}

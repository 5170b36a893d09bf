package org.walle.pyvm.ui.internal;

/** A problem found in an edited file: a 1-based line (1 when the checker names none) and a message. */
public record Problem(int line, String message) {
}

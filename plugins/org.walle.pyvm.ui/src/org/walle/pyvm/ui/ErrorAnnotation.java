package org.walle.pyvm.ui;

import org.eclipse.jface.text.source.Annotation;

/**
 * A problem found on save in a file outside the workspace (a workspace file gets problem markers instead). It uses
 * the editors' standard error type, so the ruler, the overview ruler and the squiggles draw it like any error.
 */
public final class ErrorAnnotation extends Annotation {
    public static final String TYPE = "org.eclipse.ui.workbench.texteditor.error";
    private final int line;

    public ErrorAnnotation(int line, String message) {
        super(TYPE, false, message);
        this.line = line;
    }

    /** The 1-based line the checker reported. */
    public int line() {
        return line;
    }
}

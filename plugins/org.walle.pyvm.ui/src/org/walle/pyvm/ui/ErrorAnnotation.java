package org.walle.pyvm.ui;

import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationPresentation;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;

/**
 * A problem found on save, drawn by itself in the ruler (a red mark) and squiggled in the text by the editor's
 * painter; without org.eclipse.ui.editors there are no marker annotation preferences to draw it otherwise.
 */
public final class ErrorAnnotation extends Annotation implements IAnnotationPresentation {
    public static final String TYPE = "org.walle.pyvm.ui.error";
    private final int line;

    public ErrorAnnotation(int line, String message) {
        super(TYPE, false, message);
        this.line = line;
    }

    /** The 1-based line the checker reported. */
    public int line() {
        return line;
    }

    @Override
    public int getLayer() {
        return 5;
    }

    @Override
    public void paint(GC gc, Canvas canvas, Rectangle r) {
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_RED));
        int size = Math.min(r.width, r.height) - 4;
        gc.fillRectangle(r.x + (r.width - size) / 2, r.y + (r.height - size) / 2, size, size);
    }
}

package org.walle.engine.ui.profile;

import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;

/** PNG export of charts, rendered off-screen at their on-screen size (a hidden view falls back to 640x400). */
final class ChartImages {
    private static final int DEFAULT_WIDTH = 640;
    private static final int DEFAULT_HEIGHT = 400;

    private ChartImages() {
    }

    static void saveSideBySide(ChartCanvas left, ChartCanvas right, Path file) {
        Display display = left.getDisplay();
        ImageData a = render(left);
        ImageData b = render(right);
        Image combined = new Image(display, a.width + b.width, Math.max(a.height, b.height));
        try {
            GC gc = new GC(combined);
            Image ia = new Image(display, a);
            Image ib = new Image(display, b);
            try {
                gc.setBackground(display.getSystemColor(SWT.COLOR_WHITE));
                gc.fillRectangle(combined.getBounds());
                gc.drawImage(ia, 0, 0);
                gc.drawImage(ib, a.width, 0);
            } finally {
                ia.dispose();
                ib.dispose();
                gc.dispose();
            }
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {combined.getImageData()};
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            combined.dispose();
        }
    }

    private static ImageData render(ChartCanvas canvas) {
        Rectangle area = canvas.getClientArea();
        boolean shown = area.width > 50 && area.height > 50;
        return ChartCanvas.render(canvas.getDisplay(), canvas.getChart(), shown ? area.width : DEFAULT_WIDTH,
                shown ? area.height : DEFAULT_HEIGHT);
    }
}

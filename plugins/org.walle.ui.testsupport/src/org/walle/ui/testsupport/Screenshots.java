package org.walle.ui.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Saves a window as a PNG under target/screenshots (for the docs and for looking at failures). */
public final class Screenshots {
    private Screenshots() {
    }

    public static void save(Shell shell, String name) throws Exception {
        Display display = shell.getDisplay();
        long until = System.currentTimeMillis() + 300;
        // paint everything that is pending (and what a short burst of async updates adds) before copying the screen
        while (System.currentTimeMillis() < until) {
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
        // the client area in display coordinates: without a window manager (Xvfb) the shell's bounds include an
        // estimated title-bar trim that is not drawn, which shifts the copy
        Rectangle area = shell.getClientArea();
        Point origin = shell.toDisplay(0, 0);
        Image image = new Image(display, area.width, area.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, origin.x, origin.y);
            Path dir = Files.createDirectories(Path.of(System.getProperty("user.dir"), "target", "screenshots"));
            ImageLoader loader = new ImageLoader();
            loader.data = new org.eclipse.swt.graphics.ImageData[] { image.getImageData() };
            loader.save(dir.resolve(name).toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}

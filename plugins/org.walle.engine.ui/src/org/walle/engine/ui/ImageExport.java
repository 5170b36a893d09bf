package org.walle.engine.ui;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Transform;
import org.eclipse.swt.widgets.Display;
import org.walle.engine.ui.layout.GraphLayout;
import org.walle.engine.ui.layout.SvgExporter;

/** Saves the whole graph, not just the visible part, as PNG or SVG. */
final class ImageExport {
    private static final int MARGIN = 20;
    /** Larger layouts are scaled down so the image stays within what an SWT image can hold. */
    private static final int MAX_PIXELS = 8000;

    private ImageExport() {
    }

    static void savePng(Display display, GraphLayout layout, NodeBoxSelection selection, Path file) {
        savePng(display, layout, selection, null, file);
    }

    /** @param colouring the view's node colours (by backend or op time) with its legend, or null */
    static void savePng(Display display, GraphLayout layout, NodeBoxSelection selection, NodeColouring colouring,
            Path file) {
        double scale = Math.min(1, MAX_PIXELS / Math.max(layout.width(), layout.height()));
        int width = (int) Math.ceil(layout.width() * scale) + 2 * MARGIN;
        int height = (int) Math.ceil(layout.height() * scale) + 2 * MARGIN;
        Image image = new Image(display, width, height);
        try {
            GC gc = new GC(image);
            Transform t = new Transform(display);
            try {
                gc.setBackground(display.getSystemColor(SWT.COLOR_WHITE));
                gc.fillRectangle(0, 0, width, height);
                gc.setAntialias(SWT.ON);
                t.translate(MARGIN, MARGIN);
                t.scale((float) scale, (float) scale);
                gc.setTransform(t);
                GraphPainter painter = new GraphPainter(gc, display);
                // frames of expanded subgraphs behind the edges, as on the canvas
                layout.nodes().stream().filter(b -> b.kind() == GraphLayout.Kind.CONTAINER)
                        .forEach(b -> painter.box(b, selection.isSelected(b), null));
                layout.edges().forEach(e -> painter.edge(e, -1e9, -1e9, 1e9, 1e9));
                layout.nodes().stream().filter(b -> b.kind() != GraphLayout.Kind.CONTAINER)
                        .forEach(b -> painter.box(b, selection.isSelected(b),
                                colouring == null || b.node() == null ? null : colouring.fill(b.node().name())));
                gc.setTransform(null);
                if (colouring != null) {
                    painter.legend(colouring, width);
                }
                painter.dispose();
            } finally {
                t.dispose();
                gc.dispose();
            }
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {image.getImageData()};
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            image.dispose();
        }
    }

    static void saveSvg(GraphLayout layout, Path file) throws java.io.IOException {
        Files.writeString(file, SvgExporter.toSvg(layout));
    }

    /** Which box to draw highlighted. */
    @FunctionalInterface
    interface NodeBoxSelection {
        boolean isSelected(GraphLayout.NodeBox box);
    }
}

package org.walle.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Display;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.swt.SWTGraphics2D;
import org.junit.jupiter.api.Test;
import org.lwjgl.Version;
import org.lwjgl.system.MemoryUtil;
import org.python.core.PyObject;
import org.python.util.PythonInterpreter;

/** The third-party libraries of the target platform work inside the studio's OSGi runtime. */
class RuntimeLibrariesTest {

    @Test
    void jfreeChartDrawsOnSwtThroughSwtGraphics2D() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(4.2, "latency ms", "cpu-ref");
        data.addValue(1.1, "latency ms", "cpu-simd");
        JFreeChart chart = ChartFactory.createBarChart("latency", "backend", "ms", data, PlotOrientation.VERTICAL,
                false, false, false);
        Image image = new Image(Display.getCurrent(), 320, 200);
        try {
            GC gc = new GC(image);
            try {
                chart.draw(new SWTGraphics2D(gc), new Rectangle2D.Double(0, 0, 320, 200));
            } finally {
                gc.dispose();
            }
            ImageData pixels = image.getImageData();
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < pixels.height; y += 2) {
                for (int x = 0; x < pixels.width; x += 2) {
                    colours.add(pixels.getPixel(x, y));
                }
            }
            assertTrue(colours.size() > 5, "bars, axes and text paint several colours, got " + colours.size());
        } finally {
            image.dispose();
        }
    }

    @Test
    void lwjglFindsItsNativeLibraryInTheFragment() {
        long address = MemoryUtil.nmemAlloc(64);
        try {
            assertTrue(address != 0, "native allocation through liblwjgl.so");
        } finally {
            MemoryUtil.nmemFree(address);
        }
        assertTrue(Version.getVersion().startsWith("3.4.3"), Version.getVersion());
    }

    @Test
    void jythonRunsPython() {
        // inside OSGi the standalone jar cannot locate its Lib/ folder as a file: no site module, no class cache
        Properties options = new Properties();
        options.setProperty("python.import.site", "false");
        options.setProperty("python.cachedir.skip", "true");
        PythonInterpreter.initialize(System.getProperties(), options, new String[0]);
        try (PythonInterpreter python = new PythonInterpreter()) {
            python.exec("total = sum(i * i for i in range(10))");
            PyObject total = python.get("total");
            assertEquals(285, total.asInt());
        }
    }
}

package org.walle.engine.ui;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the engine views. */
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "org.walle.engine.ui.messages";

    public static String graphLoading;
    public static String graphNoSelection;
    public static String graphDescription;
    public static String graphLayoutJob;
    public static String graphZoomIn;
    public static String graphZoomOut;
    public static String graphFit;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

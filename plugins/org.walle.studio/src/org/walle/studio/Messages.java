package org.walle.studio;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the application bundle. */
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "org.walle.studio.messages";

    public static String windowTitle;
    public static String aboutTitle;
    public static String aboutText;
    public static String aboutComponent;
    public static String aboutVersion;
    public static String aboutProduct;
    public static String aboutEngine;
    public static String aboutMissing;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

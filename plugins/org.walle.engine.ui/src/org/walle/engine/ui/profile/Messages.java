package org.walle.engine.ui.profile;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the Profile view. */
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "org.walle.engine.ui.profile.messages";

    public static String warmup;
    public static String runs;
    public static String topN;
    public static String profile;
    public static String exportTrace;
    public static String exportCsv;
    public static String exportPng;
    public static String load;
    public static String compare;
    public static String clearCompare;
    public static String noProfile;
    public static String running;
    public static String cancelled;
    public static String summary;
    public static String comparing;
    public static String skipped;
    public static String topChartTitle;
    public static String topChartSubtitle;
    public static String topChartAxis;
    public static String latencyChartTitle;
    public static String latencyChartAxis;
    public static String backendAxis;
    public static String msAxis;
    public static String threadsSeries;
    public static String runLabel;
    public static String job;
    public static String failedTitle;
    public static String profileFailed;
    public static String exportFailed;
    public static String loadFailed;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

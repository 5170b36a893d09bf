package org.walle.engine.ui.search;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the Backend-search view. */
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "org.walle.engine.ui.search.messages";

    public static String backend;
    public static String threads;
    public static String shapes;
    public static String search;
    public static String measure;
    public static String runs;
    public static String benchmark;
    public static String unavailable;
    public static String colBackend;
    public static String colEstimate;
    public static String colFallbacks;
    public static String colCopies;
    public static String colStatus;
    public static String colCommand;
    public static String colNode;
    public static String colOp;
    public static String colAlgorithm;
    public static String colMeasured;
    public static String colReason;
    public static String colPinned;
    public static String chosen;
    public static String chosenPinned;
    public static String pinned;
    public static String winner;
    public static String notSupported;
    public static String allCommands;
    public static String nodeCommands;
    public static String summary;
    public static String summaryMeasured;
    public static String benchmarkResult;
    public static String pins;
    public static String pinBackend;
    public static String pinAlgorithm;
    public static String clearPins;
    public static String searchJob;
    public static String measureJob;
    public static String benchmarkJob;
    public static String failedTitle;
    public static String searchFailed;
    public static String measureFailed;
    public static String benchmarkFailed;
    public static String badShapes;
    public static String running;
    public static String cancelled;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

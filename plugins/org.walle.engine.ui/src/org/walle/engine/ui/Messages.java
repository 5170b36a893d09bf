package org.walle.engine.ui;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the engine views. */
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "org.walle.engine.ui.messages";

    public static String graphLoading;
    public static String graphCollapseBlocks;
    public static String graphBlockDetails;
    public static String graphNoSelection;
    public static String graphDescription;
    public static String graphLayoutJob;
    public static String graphZoomIn;
    public static String graphZoomOut;
    public static String graphFit;
    public static String graphFindHint;
    public static String graphFindMatches;
    public static String graphExportPng;
    public static String graphExportSvg;
    public static String graphExportFailed;
    public static String graphExportFailedDetail;
    public static String graphColourByBackend;
    public static String graphHeatOverlay;
    public static String graphAtomic;
    public static String graphAtomicJob;
    public static String graphAtomicTitle;
    public static String graphAtomicFailed;
    public static String graphHeatLow;
    public static String graphHeatHigh;
    public static String loadJob;
    public static String loadFailed;
    public static String loadFailedTitle;
    public static String openModelTitle;
    public static String openModelFilter;
    public static String openModelAllFiles;
    public static String propGeneral;
    public static String propName;
    public static String propOpType;
    public static String propInputs;
    public static String propOutputs;
    public static String propAttributes;
    public static String propSubgraph;
    public static String outlineInputs;
    public static String outlineOutputs;
    public static String outlineOperators;
    public static String decompShapes;
    public static String decompResize;
    public static String decompCommand;
    public static String decompInputs;
    public static String decompOutputs;
    public static String decompParams;
    public static String decompNode;
    public static String decompResizing;
    public static String decompJob;
    public static String decompFailed;
    public static String decompCounts;
    public static String decompMerges;
    public static String decompMemory;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

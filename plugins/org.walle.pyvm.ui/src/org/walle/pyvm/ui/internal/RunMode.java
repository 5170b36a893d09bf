package org.walle.pyvm.ui.internal;

/** How far a run goes through its event stream. */
public enum RunMode {
    /** Every event of the stream. */
    ALL,
    /** Stops after the first event whose task run failed. */
    STOP_ON_ERROR,
    /** Stops after the first event that ran the task. */
    FIRST_RUN;

    /** The mode named by a launch configuration attribute; unknown names are an error naming the valid ones. */
    public static RunMode parse(String name) {
        for (RunMode m : values()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown run mode '" + name + "' (one of ALL, STOP_ON_ERROR, FIRST_RUN)");
    }
}

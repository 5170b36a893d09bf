package org.walle.pyvm.ui.launch;

/** Ids and attribute names of the "Walle Task" launch configuration type (see plugin.xml). */
public final class TaskLaunch {
    public static final String TYPE_ID = "org.walle.pyvm.ui.taskLaunch";
    /** {@code IProcess.ATTR_PROCESS_TYPE} of a task run: the console's script links are enabled by it. */
    public static final String PROCESS_TYPE = "org.walle.task";

    /** Workspace path of the task folder (the folder holding task.json), e.g. {@code /demo/cart-watcher}. */
    public static final String ATTR_TASK_FOLDER = "org.walle.pyvm.ui.taskFolder";
    /** A built-in profile name ({@code low}, {@code mid}, {@code high}) or a profile JSON file (workspace or disk). */
    public static final String ATTR_PROFILE = "org.walle.pyvm.ui.profile";
    /** true: a generated stream (seed, sessions, mix); false: the recorded file of {@link #ATTR_EVENTS_FILE}. */
    public static final String ATTR_GENERATED = "org.walle.pyvm.ui.generated";
    public static final String ATTR_SEED = "org.walle.pyvm.ui.seed";
    public static final String ATTR_SESSIONS = "org.walle.pyvm.ui.sessions";
    /** Event ids a generated stream keeps (a list); empty keeps them all. */
    public static final String ATTR_EVENT_MIX = "org.walle.pyvm.ui.eventMix";
    /** A recorded JSON Lines file, as a workspace path or a path on disk. */
    public static final String ATTR_EVENTS_FILE = "org.walle.pyvm.ui.eventsFile";
    /** A {@link org.walle.pyvm.ui.internal.RunMode} name. */
    public static final String ATTR_RUN_MODE = "org.walle.pyvm.ui.runMode";

    public static final String DEFAULT_PROFILE = "mid";
    public static final int DEFAULT_SEED = 1;
    public static final int DEFAULT_SESSIONS = 3;

    private TaskLaunch() {
    }
}

package org.walle.project;

import org.eclipse.osgi.util.NLS;

/** User-visible strings of the project model, its rules and the project creation. */
public final class Messages extends NLS {
    public static String ruleNameEmpty;
    public static String ruleNameSpaces;
    public static String ruleNameExists;
    public static String ruleFolderExists;
    public static String ruleLocationAbsolute;
    public static String ruleTaskIdEmpty;
    public static String ruleTaskIdInvalid;
    public static String createTaskName;
    public static String createProject;
    public static String createSample;
    public static String createModel;
    public static String createComment;
    public static String createDescription;

    static {
        NLS.initializeMessages(Messages.class.getPackageName() + ".messages", Messages.class);
    }

    private Messages() {
    }
}

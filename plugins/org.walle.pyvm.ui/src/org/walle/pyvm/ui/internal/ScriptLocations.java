package org.walle.pyvm.ui.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Script locations in console text: {@code main.py:5} (the error line of a task run) and
 * {@code File "main.py", line 5} (a Python traceback line). The launch console's pattern match listener uses
 * {@link #REGEX} (also in plugin.xml) and {@link #parse} on what it matched.
 */
public final class ScriptLocations {
    /** The same expression as the consolePatternMatchListener in plugin.xml. */
    public static final String REGEX = "[A-Za-z0-9_./-]+\\.py:\\d+|File \"[^\"]+\\.py\", line \\d+";
    private static final Pattern COLON = Pattern.compile("([A-Za-z0-9_./-]+\\.py):(\\d+)");
    private static final Pattern TRACE = Pattern.compile("File \"([^\"]+\\.py)\", line (\\d+)");

    private ScriptLocations() {
    }

    /** The location {@code text} names, or null when it names none (or a path leaving the task folder). */
    public static ConsoleSink.ScriptLink parse(String text) {
        Matcher m = TRACE.matcher(text);
        if (!m.find()) {
            m = COLON.matcher(text);
            if (!m.find()) {
                return null;
            }
        }
        String file = m.group(1);
        if (file.startsWith("/") || file.contains("..")) {
            return null; // task scripts are flat modules at the package root; never link outside it
        }
        try {
            int line = Integer.parseInt(m.group(2));
            return line > 0 ? new ConsoleSink.ScriptLink(file, line) : null;
        } catch (NumberFormatException tooLong) {
            return null;
        }
    }
}

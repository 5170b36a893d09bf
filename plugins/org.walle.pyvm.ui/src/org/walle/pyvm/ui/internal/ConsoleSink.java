package org.walle.pyvm.ui.internal;

/** Where an emulator session writes its console; {@code link} is null for lines that point at no script. */
@FunctionalInterface
public interface ConsoleSink {
    void line(String text, ScriptLink link);

    /** A line of a task error (message, traceback); consoles that can show errors apart override this. */
    default void error(String text, ScriptLink link) {
        line(text, link);
    }

    /** A script location a console line refers to (double-click opens it). */
    record ScriptLink(String file, int line) {
    }
}

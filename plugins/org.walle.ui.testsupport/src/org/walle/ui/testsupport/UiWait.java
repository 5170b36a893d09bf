package org.walle.ui.testsupport;

import java.util.function.BooleanSupplier;

import org.eclipse.swt.widgets.Display;

/** Waits on the UI thread for a condition while dispatching events; never sleeps blindly. */
public final class UiWait {
    private UiWait() {
    }

    /** Dispatches events until {@code condition} holds; fails naming {@code what} after {@code timeoutMs}. */
    public static void until(String what, BooleanSupplier condition, long timeoutMs) {
        Display display = Display.getCurrent();
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(20, () -> { });
                display.sleep();
            }
        }
    }
}

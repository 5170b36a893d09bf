package org.walle.pyvm.ui;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.swt.widgets.Display;
import org.walle.ui.testsupport.UiWait;

/**
 * Drives the UI from a worker thread while the UI thread sits in a modal dialog's event loop (a test on the UI
 * thread cannot run its steps below a blocking {@code open()}): each step runs on the UI thread via syncExec, and
 * waits poll a condition there.
 */
public final class UiDriver {
    private final Display display;

    public UiDriver(Display display) {
        this.display = display;
    }

    public <T> T ui(Supplier<T> step) {
        AtomicReference<T> out = new AtomicReference<>();
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        AtomicReference<Error> error = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                out.set(step.get());
            } catch (RuntimeException e) {
                failed.set(e);
            } catch (Error e) {
                error.set(e);
            }
        });
        if (failed.get() != null) {
            throw failed.get();
        }
        if (error.get() != null) {
            throw error.get();
        }
        return out.get();
    }

    public void run(Runnable step) {
        ui(() -> {
            step.run();
            return null;
        });
    }

    /** Polls {@code condition} on the UI thread every 50 ms (the worker waits, the UI keeps running). */
    public void until(String what, Supplier<Boolean> condition, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!Boolean.TRUE.equals(ui(condition))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    /**
     * Runs {@code blocking} (which opens a modal dialog) on the UI thread while {@code steps} drive it from a
     * worker; {@code cleanup} (on the worker, also after a failure) must close the dialog. Rethrows the steps'
     * failure.
     */
    public static void withModal(Runnable blocking, java.util.function.Consumer<UiDriver> steps,
            java.util.function.Consumer<UiDriver> cleanup) throws Exception {
        UiDriver driver = new UiDriver(Display.getCurrent());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(() -> {
            try {
                steps.accept(driver);
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                try {
                    cleanup.accept(driver);
                } catch (Throwable t) {
                    if (failure.get() == null) {
                        failure.set(t);
                    }
                }
            }
        }, "ui-test-driver");
        worker.start();
        blocking.run();
        // the dialog is closed; let the worker finish its cleanup while the UI keeps dispatching
        UiWait.until("the test driver to finish", () -> !worker.isAlive(), 60_000);
        if (failure.get() instanceof Exception e) {
            throw e;
        }
        if (failure.get() instanceof Error e) {
            throw e;
        }
    }
}

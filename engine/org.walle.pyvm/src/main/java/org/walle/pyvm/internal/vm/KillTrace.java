package org.walle.pyvm.internal.vm;

import org.python.core.Py;
import org.python.core.PyException;
import org.python.core.PyFrame;
import org.python.core.PyObject;
import org.python.core.TraceFunction;

/**
 * Installed by the watchdog into a runaway task's frames: raises on every call and every line, so even a script
 * that catches everything ({@code except: pass}) is thrown out at the next statement outside its try block.
 * Nothing is traced until a task breaks a limit, so normal runs pay no tracing cost.
 */
final class KillTrace extends TraceFunction {
    private final String reason;

    KillTrace(String reason) {
        this.reason = reason;
    }

    private PyException stop() {
        return Py.RuntimeError("task stopped by the Walle VM: " + reason);
    }

    @Override
    public TraceFunction traceCall(PyFrame frame) {
        throw stop();
    }

    @Override
    public TraceFunction traceReturn(PyFrame frame, PyObject ret) {
        return this;
    }

    @Override
    public TraceFunction traceLine(PyFrame frame, int line) {
        throw stop();
    }

    @Override
    public TraceFunction traceException(PyFrame frame, PyException exc) {
        return this;
    }
}

package org.walle.pyvm.internal.vm;

import java.io.StringWriter;
import java.io.Writer;

/** Keeps at most a fixed number of characters of a task's printed output, so printing cannot fill the heap. */
final class BoundedWriter extends Writer {
    private final StringWriter target;
    private final int max;
    private boolean truncated;

    BoundedWriter(StringWriter target, int max) {
        this.target = target;
        this.max = max;
    }

    @Override
    public synchronized void write(char[] cbuf, int off, int len) {
        int room = max - target.getBuffer().length();
        if (room <= 0) {
            truncated = true;
            return;
        }
        target.write(cbuf, off, Math.min(room, len));
        truncated |= len > room;
    }

    synchronized String text() {
        return target.toString() + (truncated ? "\n[output truncated at " + max + " characters]\n" : "");
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}

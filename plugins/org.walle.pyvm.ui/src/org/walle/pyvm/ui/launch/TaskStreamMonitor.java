package org.walle.pyvm.ui.launch;

import org.eclipse.core.runtime.ListenerList;
import org.eclipse.debug.core.IStreamListener;
import org.eclipse.debug.core.model.IFlushableStreamMonitor;

/**
 * One stream (output or errors) of a task run. The content is kept until the console connects and turns buffering
 * off (it reads the content and the appends atomically, under this monitor's lock), so no early line is lost.
 */
final class TaskStreamMonitor implements IFlushableStreamMonitor {
    private final ListenerList<IStreamListener> listeners = new ListenerList<>();
    private final StringBuilder contents = new StringBuilder();
    private boolean buffered = true;

    synchronized void append(String text) {
        if (buffered) {
            contents.append(text);
        }
        for (IStreamListener l : listeners) {
            l.streamAppended(text, this);
        }
    }

    @Override
    public synchronized String getContents() {
        return contents.toString();
    }

    @Override
    public void addListener(IStreamListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(IStreamListener listener) {
        listeners.remove(listener);
    }

    @Override
    public synchronized void flushContents() {
        contents.setLength(0);
    }

    @Override
    public synchronized void setBuffered(boolean buffer) {
        buffered = buffer;
    }

    @Override
    public synchronized boolean isBuffered() {
        return buffered;
    }
}

package org.walle.pyvm.ui.launch;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.ui.console.IPatternMatchListenerDelegate;
import org.eclipse.ui.console.PatternMatchEvent;
import org.eclipse.ui.console.TextConsole;
import org.walle.pyvm.ui.internal.ConsoleSink;
import org.walle.pyvm.ui.internal.ScriptLocations;

/**
 * Turns script locations in a task run's console ({@code main.py:5}, {@code File "main.py", line 5}) into links to
 * that line of the launched task folder's script. Registered in plugin.xml for consoles of task processes only.
 */
public final class ScriptLinks implements IPatternMatchListenerDelegate {
    private volatile TextConsole console;

    @Override
    public void connect(TextConsole c) {
        console = c;
    }

    @Override
    public void disconnect() {
        console = null;
    }

    @Override
    public void matchFound(PatternMatchEvent event) {
        TextConsole c = console;
        if (c == null) {
            return;
        }
        try {
            String text = c.getDocument().get(event.getOffset(), event.getLength());
            ConsoleSink.ScriptLink link = ScriptLocations.parse(text);
            IContainer folder = taskFolder(c);
            if (link == null || folder == null) {
                return;
            }
            IFile script = folder.getFile(IPath.fromPortableString(link.file()));
            if (script.exists()) { // a traceback line inside a library module stays plain text
                c.addHyperlink(new ScriptHyperlink(script, link.line()), event.getOffset(), event.getLength());
            }
        } catch (BadLocationException | CoreException e) {
            // the console was cleared while matching: nothing to link
        }
    }

    private static IContainer taskFolder(TextConsole c) throws CoreException {
        if (!(c.getAttribute(IDebugUIConstants.ATTR_CONSOLE_PROCESS) instanceof IProcess process)) {
            return null;
        }
        ILaunchConfiguration config = process.getLaunch().getLaunchConfiguration();
        return config == null ? null : TaskLaunchSettings.read(config).taskContainer();
    }
}

package org.walle.pyvm.ui.launch;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;

/** Run > Run Configurations...: the debug platform's dialog (its own command has no handler outside the IDE). */
public final class OpenRunConfigurationsHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) {
        IStructuredSelection selection = HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection s ? s
                : StructuredSelection.EMPTY;
        DebugUITools.openLaunchConfigurationDialogOnGroup(HandlerUtil.getActiveShell(event), selection,
                IDebugUIConstants.ID_RUN_LAUNCH_GROUP);
        return null;
    }
}

package org.walle.engine.ui;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.HandlerUtil;
import org.walle.engine.ui.model.LoadModelJob;

/** File > Open Model...: picks an ONNX file and loads it in a Job. */
public class OpenModelHandler extends AbstractHandler {
    /** Command parameter: a file to open without asking (used by Open Recent). */
    public static final String FILE_PARAMETER = "org.walle.engine.ui.openModel.file";

    @Override
    public Object execute(ExecutionEvent event) {
        Display display = PlatformUI.getWorkbench().getDisplay();
        String file = event.getParameter(FILE_PARAMETER);
        if (file == null) {
            Shell shell = HandlerUtil.getActiveShell(event);
            FileDialog dialog = new FileDialog(shell != null ? shell : display.getActiveShell(), SWT.OPEN);
            dialog.setText(Messages.openModelTitle);
            dialog.setFilterExtensions(new String[] {"*.onnx", "*.*"});
            dialog.setFilterNames(new String[] {Messages.openModelFilter, Messages.openModelAllFiles});
            file = dialog.open();
        }
        if (file != null) {
            new LoadModelJob(Path.of(file), display).schedule();
        }
        return null;
    }
}

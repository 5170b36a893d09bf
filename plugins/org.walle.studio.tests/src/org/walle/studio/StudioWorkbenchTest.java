package org.walle.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.commands.Command;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.junit.jupiter.api.Test;
import org.walle.engine.EngineInfo;

/** Drives the real studio workbench: window, perspective, menus and the About dialog. */
class StudioWorkbenchTest {

    private static IWorkbenchWindow window() {
        return PlatformUI.getWorkbench().getActiveWorkbenchWindow();
    }

    @Test
    void modelPerspectiveShowsTheGraphView() {
        assertEquals(ModelPerspective.ID, window().getActivePage().getPerspective().getId());
        assertNotNull(window().getActivePage().findView(ModelPerspective.GRAPH_VIEW_ID), "graph view is open");
        assertEquals(Messages.windowTitle, window().getShell().getText());
    }

    @Test
    void everyMenuItemIsBackedByAHandledCommand() {
        ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
        for (String id : List.of("org.eclipse.ui.file.exit", "org.walle.studio.about", "org.eclipse.ui.views.showView")) {
            Command command = commands.getCommand(id);
            assertTrue(command.isDefined(), id + " defined");
            assertTrue(command.isHandled(), id + " handled");
        }
        List<String> labels = new ArrayList<>();
        Menu bar = window().getShell().getMenuBar();
        for (MenuItem top : bar.getItems()) {
            labels.add(top.getText().replace("&", ""));
        }
        assertTrue(labels.containsAll(List.of("File", "Window", "Help")), labels.toString());
    }

    @Test
    void aboutDialogListsProductEngineAndJavaVersions() {
        AboutDialog dialog = new AboutDialog(window().getShell());
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            Table table = dialog.getVersionTable();
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < table.getItemCount(); i++) {
                rows.add(table.getItem(i).getText(0) + "=" + table.getItem(i).getText(1));
            }
            assertTrue(rows.contains(Messages.aboutEngine + "=" + EngineInfo.version()), rows.toString());
            assertTrue(rows.stream().anyMatch(r -> r.startsWith("Java=" + System.getProperty("java.version"))),
                    rows.toString());
            assertTrue(rows.stream().anyMatch(r -> r.startsWith(Messages.aboutProduct + "=0.1.0")), rows.toString());
        } finally {
            dialog.close();
        }
    }
}

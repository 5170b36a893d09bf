package org.walle.engine.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.action.IContributionItem;
import org.eclipse.ui.actions.CompoundContributionItem;
import org.eclipse.ui.menus.CommandContributionItem;
import org.eclipse.ui.menus.CommandContributionItemParameter;
import org.eclipse.ui.PlatformUI;
import org.walle.engine.ui.model.RecentModels;

/** File > Open Recent: one entry per recently opened model, newest first. */
public class RecentModelsMenu extends CompoundContributionItem {
    static final String OPEN_COMMAND = "org.walle.engine.ui.openModel";

    @Override
    protected IContributionItem[] getContributionItems() {
        List<Path> recent = new RecentModels().list();
        IContributionItem[] items = new IContributionItem[recent.size()];
        for (int i = 0; i < items.length; i++) {
            Path file = recent.get(i);
            CommandContributionItemParameter p = new CommandContributionItemParameter(PlatformUI.getWorkbench(),
                    "org.walle.engine.ui.recent." + i, OPEN_COMMAND, CommandContributionItem.STYLE_PUSH);
            p.label = (i + 1) + " " + file.getFileName();
            p.tooltip = file.toString();
            p.parameters = Map.of(OpenModelHandler.FILE_PARAMETER, file.toString());
            items[i] = new CommandContributionItem(p);
        }
        return items;
    }
}

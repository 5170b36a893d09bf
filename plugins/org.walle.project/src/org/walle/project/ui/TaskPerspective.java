package org.walle.project.ui;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * The "Task" perspective, where task authors work: Project Explorer on the left, the task editors in the middle
 * with the Outline beside them, and below the Task Run view (the device emulator) and the Problems view.
 */
public final class TaskPerspective implements IPerspectiveFactory {
    public static final String ID = "org.walle.project.perspective.task";
    /** View id of org.walle.pyvm.ui, kept as a string so this bundle does not need its UI classes. */
    static final String TASK_RUN_VIEW_ID = "org.walle.pyvm.ui.taskRunView";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        layout.setEditorAreaVisible(true);
        layout.addView(IPageLayout.ID_PROJECT_EXPLORER, IPageLayout.LEFT, 0.22f, editors);
        IFolderLayout bottom = layout.createFolder("bottom", IPageLayout.BOTTOM, 0.62f, editors);
        bottom.addView(TASK_RUN_VIEW_ID);
        bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
        layout.addView(IPageLayout.ID_OUTLINE, IPageLayout.RIGHT, 0.78f, editors);
        layout.addShowViewShortcut(IPageLayout.ID_PROJECT_EXPLORER);
        layout.addShowViewShortcut(IPageLayout.ID_PROBLEM_VIEW);
        layout.addShowViewShortcut(IPageLayout.ID_OUTLINE);
        layout.addShowViewShortcut(TASK_RUN_VIEW_ID);
        layout.addNewWizardShortcut(NewWalleProjectWizard.ID);
    }
}

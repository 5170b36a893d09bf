package org.walle.pyvm.ui.launch;

import java.util.List;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.walle.pyvm.ui.TestWidgets;

/** Short names for the widget finders, keyed by the tabs' {@link TaskTab#WIDGET_KEY}. */
final class WidgetsAccess {
    private WidgetsAccess() {
    }

    static Control withData(Composite root, String value) {
        return TestWidgets.withData(root, TaskTab.WIDGET_KEY, value);
    }

    static List<Control> all(Composite root) {
        return TestWidgets.all(root);
    }

    static String visibleText(Composite root) {
        return TestWidgets.visibleText(root);
    }

    static Button button(Composite root, String label) {
        return TestWidgets.button(root, label);
    }

    static Shell shell(String title) {
        return TestWidgets.shell(title);
    }
}

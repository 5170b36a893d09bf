package org.walle.engine.ui;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;

/** Finds and presses real widgets the way a user would reach them: by their visible text. */
final class Widgets {
    private Widgets() {
    }

    static Button button(Composite root, String text) {
        Button found = findButton(root, text);
        if (found == null) {
            throw new AssertionError("no button '" + text + "' in " + root);
        }
        return found;
    }

    private static Button findButton(Composite root, String text) {
        for (Control c : root.getChildren()) {
            if (c instanceof Button b && text.equals(b.getText())) {
                return b;
            }
            if (c instanceof Composite child) {
                Button inner = findButton(child, text);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    static void press(Button button) {
        button.notifyListeners(SWT.Selection, new Event());
    }

    /** Shows a (context or cascade) menu so JFace fills it, then returns its item with the text. */
    static MenuItem menuItem(Menu menu, String text) {
        menu.notifyListeners(SWT.Show, new Event());
        StringBuilder seen = new StringBuilder();
        for (MenuItem item : menu.getItems()) {
            if (text.equals(item.getText().replace("&", ""))) {
                return item;
            }
            seen.append(" '").append(item.getText()).append('\'');
        }
        throw new AssertionError("no menu item '" + text + "', only" + seen);
    }
}

package org.walle.pyvm.ui;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.TreeItem;

/** Finds real widgets in a window the way a user sees them (texts, buttons by label, data keys). */
public final class TestWidgets {
    private TestWidgets() {
    }

    /** Every control under {@code root}, depth first. */
    public static List<Control> all(Composite root) {
        List<Control> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Composite c, List<Control> out) {
        for (Control child : c.getChildren()) {
            out.add(child);
            if (child instanceof Composite cc) {
                collect(cc, out);
            }
        }
    }

    /** The visible text of labels, text fields and buttons under {@code root}, joined by newlines. */
    public static String visibleText(Composite root) {
        StringBuilder b = new StringBuilder();
        for (Control c : all(root)) {
            if (!c.isVisible()) {
                continue;
            }
            if (c instanceof Text t) {
                b.append(t.getText()).append('\n');
            } else if (c instanceof Label l) {
                b.append(l.getText()).append('\n');
            } else if (c instanceof CLabel l && l.getText() != null) {
                b.append(l.getText()).append('\n');
            }
        }
        return b.toString();
    }

    /** The control carrying data {@code key} = {@code value}, or null. */
    public static Control withData(Composite root, String key, String value) {
        for (Control c : all(root)) {
            if (value.equals(c.getData(key))) {
                return c;
            }
        }
        return null;
    }

    /** The push button labelled {@code label} (mnemonics ignored), or null. */
    public static Button button(Composite root, String label) {
        for (Control c : all(root)) {
            if (c instanceof Button b && b.getText().replace("&", "").equals(label)) {
                return b;
            }
        }
        return null;
    }

    /** The visible shell whose title starts with {@code title}, or null. */
    public static Shell shell(String title) {
        for (Shell s : Display.getCurrent().getShells()) {
            if (s.isVisible() && s.getText().startsWith(title)) {
                return s;
            }
        }
        return null;
    }

    /** The texts of all columns of a tree item and its descendants. */
    public static void treeTexts(TreeItem item, int columns, List<String> out) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < Math.max(columns, 1); i++) {
            row.append(item.getText(i)).append(" | ");
        }
        out.add(row.toString());
        for (TreeItem child : item.getItems()) {
            treeTexts(child, columns, out);
        }
    }
}

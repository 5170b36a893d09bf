package org.walle.deploy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.preference.IPreferenceStore;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Types into the real preference page; hostile input: a port out of range and a port that is not a number. */
class DeployPreferencePageTest {
    private PreferenceDialog dialog;
    private final IPreferenceStore prefs = Activator.getDefault().getPreferenceStore();

    @AfterEach
    void closeAndRestore() {
        if (dialog != null && dialog.getShell() != null && !dialog.getShell().isDisposed()) {
            dialog.close();
        }
        prefs.setToDefault(DeployPreferences.PORT);
    }

    @Test
    void portIsValidatedAndStoredOnOk() {
        assertEquals(DeployPreferences.DEFAULT_PORT, prefs.getDefaultInt(DeployPreferences.PORT));
        dialog = PreferencesUtil.createPreferenceDialogOn(
                PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), DeployPreferencePage.ID, null, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        DeployPreferencePage page = (DeployPreferencePage) dialog.getSelectedPage();
        assertNotNull(page);
        Text port = texts(page.getControl()).get(0);
        assertEquals(Integer.toString(prefs.getInt(DeployPreferences.PORT)), port.getText());

        type(port, "70000");
        assertFalse(page.isValid(), "70000 is not a port");
        assertNotNull(page.getErrorMessage());
        type(port, "eighty");
        assertFalse(page.isValid(), "a port must be a number");
        type(port, "9321");
        assertTrue(page.isValid(), String.valueOf(page.getErrorMessage()));
        assertTrue(page.performOk());
        assertEquals(9321, prefs.getInt(DeployPreferences.PORT));
        assertEquals(9321, DeployPreferences.settings(prefs).port());
    }

    /** Sets the text and sends the key-up a keystroke ends with: the field editor validates on key strokes. */
    private static void type(Text field, String text) {
        field.setText(text);
        Event up = new Event();
        up.character = text.charAt(text.length() - 1);
        field.notifyListeners(SWT.KeyUp, up);
    }

    private static List<Text> texts(Control c) {
        List<Text> found = new ArrayList<>();
        if (c instanceof Text t) {
            found.add(t);
        } else if (c instanceof Composite comp) {
            for (Control child : comp.getChildren()) {
                found.addAll(texts(child));
            }
        }
        return found;
    }
}

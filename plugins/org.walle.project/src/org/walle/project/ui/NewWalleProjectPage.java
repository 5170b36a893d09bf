package org.walle.project.ui;

import java.io.File;

import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.events.SelectionListener;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.walle.project.NewProjectRules;
import org.walle.project.NewWalleProject;

/** Name, location and sample task id of the new project, checked on every keystroke. */
final class NewWalleProjectPage extends WizardPage {
    private Text name;
    private Button useDefault;
    private Text location;
    private Button browse;
    private Text taskId;

    NewWalleProjectPage() {
        super("walleProject");
        setTitle(Messages.pageTitle);
        setDescription(Messages.pageDescription);
        setPageComplete(false);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(c);
        name = field(c, Messages.nameLabel, 2);
        useDefault = new Button(c, SWT.CHECK);
        useDefault.setText(Messages.defaultLocation);
        useDefault.setSelection(true);
        GridDataFactory.fillDefaults().span(3, 1).indent(0, 8).applyTo(useDefault);
        location = field(c, Messages.locationLabel, 1);
        browse = new Button(c, SWT.PUSH);
        browse.setText(Messages.browse);
        taskId = field(c, Messages.taskIdLabel, 2);
        taskId.setText(Messages.defaultTaskId);
        taskId.setMessage(Messages.taskIdHint);

        name.addModifyListener(e -> {
            if (useDefault.getSelection()) {
                location.setText(defaultLocation());
            }
            validate();
        });
        location.addModifyListener(e -> validate());
        taskId.addModifyListener(e -> validate());
        useDefault.addSelectionListener(SelectionListener.widgetSelectedAdapter(e -> {
            location.setEnabled(!useDefault.getSelection());
            browse.setEnabled(!useDefault.getSelection());
            location.setText(defaultLocation());
            validate();
        }));
        browse.addSelectionListener(SelectionListener.widgetSelectedAdapter(e -> chooseFolder()));
        location.setText(defaultLocation());
        location.setEnabled(false);
        browse.setEnabled(false);
        setControl(c);
        name.setFocus();
    }

    private static Text field(Composite c, String label, int span) {
        new Label(c, SWT.NONE).setText(label);
        Text t = new Text(c, SWT.BORDER | SWT.SINGLE);
        GridDataFactory.fillDefaults().grab(true, false).span(span, 1).hint(360, SWT.DEFAULT).applyTo(t);
        return t;
    }

    private String defaultLocation() {
        return ResourcesPlugin.getWorkspace().getRoot().getLocation().append(name.getText().strip()).toOSString();
    }

    private void chooseFolder() {
        DirectoryDialog d = new DirectoryDialog(getShell());
        d.setText(Messages.browseTitle);
        d.setFilterPath(location.getText());
        String folder = d.open();
        if (folder != null) {
            location.setText(new File(folder, name.getText().strip()).getPath());
        }
    }

    /** Shows the first problem as the page's error and allows Finish only without one. */
    private void validate() {
        String error = problem();
        setErrorMessage(error);
        setPageComplete(error == null);
    }

    String problem() {
        IWorkspace ws = ResourcesPlugin.getWorkspace();
        String error = NewProjectRules.checkName(ws, name.getText());
        if (error == null) {
            error = NewProjectRules.checkLocation(ws, name.getText(), customLocation());
        }
        return error != null ? error : NewProjectRules.checkTaskId(taskId.getText());
    }

    private IPath customLocation() {
        return useDefault.getSelection() ? null : IPath.fromOSString(location.getText().strip());
    }

    /** What Finish creates; call only when the page is complete. */
    NewWalleProject spec() {
        IPath custom = customLocation();
        return new NewWalleProject(name.getText(), custom == null ? null : custom.toFile().toURI(), taskId.getText());
    }

    // the widgets, for the UI tests in the fragment
    Text nameText() {
        return name;
    }

    Text locationText() {
        return location;
    }

    Button useDefaultButton() {
        return useDefault;
    }

    Text taskIdText() {
        return taskId;
    }
}

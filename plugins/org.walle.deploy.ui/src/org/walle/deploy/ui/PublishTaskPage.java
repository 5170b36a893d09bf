package org.walle.deploy.ui;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.walle.deploy.ui.internal.server.ServerEntry;
import org.walle.deploy.ui.internal.server.ServerState;
import org.walle.deploy.ui.internal.server.TaskPublisher;
import org.walle.pyvm.TaskPackage;
import org.walle.pyvm.TaskPackageException;

/** Task folder, version, message and target server; the task package is checked on every keystroke. */
final class PublishTaskPage extends WizardPage {
    private final List<ServerEntry> servers;
    private Text folder;
    private Text version;
    private Text message;
    private Combo server;
    private String lastFolderVersion = "";

    PublishTaskPage(List<ServerEntry> servers) {
        super("publishTask");
        this.servers = servers;
        setTitle(Messages.Publish_title);
        setDescription(Messages.Publish_description);
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        folder = field(c, Messages.Publish_folder, 1);
        Button browse = new Button(c, SWT.PUSH);
        browse.setText(Messages.Publish_browse);
        browse.addListener(SWT.Selection, e -> {
            DirectoryDialog d = new DirectoryDialog(getShell());
            d.setFilterPath(folder.getText());
            String chosen = d.open();
            if (chosen != null) {
                folder.setText(chosen);
            }
        });
        version = field(c, Messages.Publish_version, 2);
        message = field(c, Messages.Publish_message, 2);
        new Label(c, SWT.NONE).setText(Messages.Publish_server);
        server = new Combo(c, SWT.READ_ONLY);
        server.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        for (ServerEntry s : servers) {
            server.add(s.name() + (s.url() == null ? "" : "  " + s.url()));
        }
        int firstRunning = servers.stream().map(ServerEntry::state).toList().indexOf(ServerState.RUNNING);
        server.select(Math.max(firstRunning, 0));
        server.addListener(SWT.Selection, e -> validate());
        setControl(c);
        validate();
    }

    private Text field(Composite parent, String label, int span) {
        new Label(parent, SWT.NONE).setText(label);
        Text t = new Text(parent, SWT.BORDER);
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, span, 1));
        t.addListener(SWT.Modify, e -> validate());
        return t;
    }

    /** Sets the page message and completeness; takes the version from task.json until the user types their own. */
    private void validate() {
        String problem = problem();
        setErrorMessage(problem);
        setPageComplete(problem == null);
    }

    private String problem() {
        if (folder.getText().isBlank()) {
            return Messages.Publish_needFolder;
        }
        Path dir;
        try {
            dir = Path.of(folder.getText().strip());
        } catch (InvalidPathException e) {
            return e.getMessage();
        }
        if (!Files.isDirectory(dir)) {
            return Messages.Publish_notAFolder + " " + dir;
        }
        TaskPackage pkg;
        try {
            pkg = TaskPublisher.validate(dir);
        } catch (TaskPackageException e) {
            return String.join("; ", e.problems());
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        String fromJson = pkg.manifest().version();
        if (version.getText().isBlank() || version.getText().equals(lastFolderVersion)) {
            lastFolderVersion = fromJson;
            if (!version.getText().equals(fromJson)) {
                version.setText(fromJson); // re-enters validate(); the outer call finishes with the same result
            }
        }
        if (version.getText().isBlank()) {
            return Messages.Publish_needVersion;
        }
        ServerEntry target = selectedServer();
        if (target == null || target.state() != ServerState.RUNNING) {
            return Messages.Publish_needRunningServer;
        }
        if (target.token().isEmpty()) {
            return Messages.Publish_needToken;
        }
        return null;
    }

    ServerEntry selectedServer() {
        int i = server.getSelectionIndex();
        return i < 0 || i >= servers.size() ? null : servers.get(i);
    }

    Path folder() {
        return Path.of(folder.getText().strip());
    }

    String version() {
        return version.getText().strip();
    }

    String message() {
        return message.getText().isBlank() ? null : message.getText().strip();
    }

    Text getFolderText() {
        return folder;
    }

    Text getVersionText() {
        return version;
    }
}

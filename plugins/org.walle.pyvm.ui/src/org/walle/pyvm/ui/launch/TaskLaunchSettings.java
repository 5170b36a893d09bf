package org.walle.pyvm.ui.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.osgi.util.NLS;
import org.walle.device.DeviceProfile;
import org.walle.device.DeviceProfiles;
import org.walle.device.ProfileException;
import org.walle.pyvm.ui.internal.EventStream;
import org.walle.pyvm.ui.internal.RunMode;

/**
 * The attributes of a "Walle Task" launch configuration, their validation (the tabs show the first problem as the
 * user types; the delegate refuses to launch with one) and their resolution into what the emulator runs.
 */
public record TaskLaunchSettings(String taskFolder, String profile, boolean generated, int seed, int sessions,
        List<String> mix, String eventsFile, String runMode) {

    public static TaskLaunchSettings read(ILaunchConfiguration c) throws CoreException {
        return new TaskLaunchSettings(c.getAttribute(TaskLaunch.ATTR_TASK_FOLDER, ""),
                c.getAttribute(TaskLaunch.ATTR_PROFILE, TaskLaunch.DEFAULT_PROFILE),
                c.getAttribute(TaskLaunch.ATTR_GENERATED, true),
                c.getAttribute(TaskLaunch.ATTR_SEED, TaskLaunch.DEFAULT_SEED),
                c.getAttribute(TaskLaunch.ATTR_SESSIONS, TaskLaunch.DEFAULT_SESSIONS),
                c.getAttribute(TaskLaunch.ATTR_EVENT_MIX, List.of()),
                c.getAttribute(TaskLaunch.ATTR_EVENTS_FILE, ""),
                c.getAttribute(TaskLaunch.ATTR_RUN_MODE, RunMode.ALL.name()));
    }

    /** The defaults of a new configuration for {@code taskFolder} (a workspace path, may be empty). */
    public static void setDefaults(ILaunchConfigurationWorkingCopy wc, String taskFolder) {
        wc.setAttribute(TaskLaunch.ATTR_TASK_FOLDER, taskFolder);
        wc.setAttribute(TaskLaunch.ATTR_PROFILE, TaskLaunch.DEFAULT_PROFILE);
        wc.setAttribute(TaskLaunch.ATTR_GENERATED, true);
        wc.setAttribute(TaskLaunch.ATTR_SEED, TaskLaunch.DEFAULT_SEED);
        wc.setAttribute(TaskLaunch.ATTR_SESSIONS, TaskLaunch.DEFAULT_SESSIONS);
        wc.setAttribute(TaskLaunch.ATTR_EVENT_MIX, List.<String>of());
        wc.setAttribute(TaskLaunch.ATTR_EVENTS_FILE, "");
        wc.setAttribute(TaskLaunch.ATTR_RUN_MODE, RunMode.ALL.name());
    }

    /** All problems, task first; empty when the configuration can run. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (String p : new String[] { taskFolderProblem(), profileProblem(), eventsProblem(), runModeProblem() }) {
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    public String taskFolderProblem() {
        if (taskFolder.isBlank()) {
            return Messages.Launch_noTaskFolder;
        }
        IResource r = ResourcesPlugin.getWorkspace().getRoot().findMember(IPath.fromPortableString(taskFolder.trim()));
        if (r == null || !r.isAccessible()) {
            return NLS.bind(Messages.Launch_taskFolderMissing, taskFolder);
        }
        if (!(r instanceof IContainer c)) {
            return NLS.bind(Messages.Launch_notAFolder, taskFolder);
        }
        if (!c.getFile(IPath.fromPortableString("task.json")).exists()) {
            return NLS.bind(Messages.Launch_noTaskJson, taskFolder);
        }
        return null;
    }

    public String profileProblem() {
        try {
            resolveProfile();
            return null;
        } catch (ProfileException e) {
            return NLS.bind(Messages.Launch_badProfile, profile, String.join("; ", e.problems()));
        } catch (IOException | RuntimeException e) {
            return NLS.bind(Messages.Launch_badProfile, profile, e.getMessage());
        }
    }

    public String eventsProblem() {
        if (generated) {
            try {
                stream();
                return null;
            } catch (IllegalArgumentException | IOException e) {
                return e.getMessage();
            }
        }
        if (eventsFile.isBlank()) {
            return Messages.Launch_noEventsFile;
        }
        Path file = resolveFile(eventsFile);
        if (file == null || !Files.isRegularFile(file) || !Files.isReadable(file)) {
            return NLS.bind(Messages.Launch_unreadableEvents, eventsFile);
        }
        return null;
    }

    public String runModeProblem() {
        try {
            RunMode.parse(runMode);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The task folder on disk; call after {@link #taskFolderProblem()} returned null. */
    public Path taskDir() {
        IResource r = ResourcesPlugin.getWorkspace().getRoot().findMember(IPath.fromPortableString(taskFolder.trim()));
        return r.getLocation().toPath();
    }

    /** The task folder in the workspace, or null when it does not exist. */
    public IContainer taskContainer() {
        IResource r = ResourcesPlugin.getWorkspace().getRoot().findMember(IPath.fromPortableString(taskFolder.trim()));
        return r instanceof IContainer c ? c : null;
    }

    /** A built-in profile by name, else the profile JSON file (every problem of the file is in the exception). */
    public DeviceProfile resolveProfile() throws IOException {
        String name = profile.trim();
        if (name.isEmpty()) {
            throw new ProfileException("profile", List.of(Messages.Launch_noProfile));
        }
        for (DeviceProfile p : DeviceProfiles.builtIn()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        Path file = resolveFile(name);
        if (file == null || !Files.isRegularFile(file)) {
            throw new ProfileException("'" + name + "'", List.of(NLS.bind(Messages.Launch_unknownProfile,
                    builtInNames())));
        }
        return DeviceProfiles.read(file);
    }

    public EventStream stream() throws IOException {
        if (generated) {
            return new EventStream.Generated(seed, sessions, new LinkedHashSet<>(mix));
        }
        Path file = resolveFile(eventsFile);
        if (file == null) {
            throw new IOException(NLS.bind(Messages.Launch_unreadableEvents, eventsFile));
        }
        return new EventStream.Recorded(file);
    }

    public RunMode mode() {
        return RunMode.parse(runMode);
    }

    static List<String> builtInNames() {
        List<String> names = new ArrayList<>();
        DeviceProfiles.builtIn().forEach(p -> names.add(p.name()));
        return names;
    }

    /** A workspace file path ({@code /project/file}) when the workspace has it, else an absolute path on disk. */
    static Path resolveFile(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        IResource r = ResourcesPlugin.getWorkspace().getRoot().findMember(IPath.fromPortableString(t));
        if (r instanceof IFile f && f.getLocation() != null) {
            return f.getLocation().toPath();
        }
        try {
            Path p = Path.of(t);
            return p.isAbsolute() ? p : null;
        } catch (RuntimeException invalid) {
            return null;
        }
    }

    /** The set the mix list stands for, for the tabs. */
    public Set<String> mixSet() {
        return new LinkedHashSet<>(mix);
    }
}

package org.walle.pyvm.ui.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.walle.pyvm.TaskPackage;
import org.walle.pyvm.TaskPackageException;

/**
 * Validates a task folder with {@link TaskPackage#open} (the same reader the VM and the device use) and places
 * each problem on the line of task.json it is about: the line the JSON parser names, else the line of the field the
 * message quotes, else line 1.
 */
public final class TaskJsonCheck {
    private static final Pattern LINE = Pattern.compile("line (\\d+)");
    private static final Pattern QUOTED = Pattern.compile("'([^']+)'|\"([^\"]+)\"");

    private TaskJsonCheck() {
    }

    /** {@code taskJsonText} is the saved content of {@code folder/task.json}, used to find field lines. */
    public static List<Problem> check(Path folder, String taskJsonText) {
        List<Problem> problems = new ArrayList<>();
        try {
            TaskPackage.open(folder);
        } catch (TaskPackageException e) {
            for (String p : e.problems()) {
                problems.add(new Problem(lineOf(p, taskJsonText), p));
            }
        } catch (RuntimeException e) {
            problems.add(new Problem(1, String.valueOf(e.getMessage())));
        }
        return problems;
    }

    static int lineOf(String problem, String text) {
        Matcher m = LINE.matcher(problem);
        if (m.find()) {
            return Math.max(1, Integer.parseInt(m.group(1)));
        }
        Matcher q = QUOTED.matcher(problem);
        String[] lines = text.split("\r\n|\r|\n", -1);
        while (q.find()) {
            String name = q.group(1) != null ? q.group(1) : q.group(2);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains("\"" + name + "\"")) {
                    return i + 1;
                }
            }
        }
        return 1;
    }
}

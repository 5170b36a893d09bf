package org.walle.pyvm.ui.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.walle.pyvm.TaskLimits;
import org.walle.pyvm.TaskManifest;
import org.walle.pyvm.TaskPackage;
import org.walle.pyvm.TaskVm;

/**
 * Checks one Python script with the task VM's own checker ({@link TaskVm#check}: Jython's parser plus the
 * sandbox's static rules), so a problem carries the line the VM would report at run time. The script is checked as
 * the text being saved, packaged alone in memory: a broken task.json next to it must not hide its syntax errors.
 */
public final class ScriptCheck {
    private static final Pattern PROBLEM = Pattern.compile("^(.*?):(\\d+): (.*)$", Pattern.DOTALL);

    private ScriptCheck() {
    }

    public static List<Problem> check(String fileName, String text) {
        JythonPath.ensure();
        TaskManifest manifest = new TaskManifest("editor-check", "0", fileName, List.of(), List.of(),
                TaskLimits.DEFAULT);
        TaskPackage pkg = new TaskPackage(fileName, manifest,
                Map.of(fileName, text.getBytes(StandardCharsets.UTF_8)));
        List<Problem> problems = new ArrayList<>();
        for (String p : TaskVm.check(pkg)) {
            problems.add(parse(p));
        }
        return problems;
    }

    /** "main.py:3: SyntaxError: ..." -> line 3 and the message after the location. */
    static Problem parse(String problem) {
        Matcher m = PROBLEM.matcher(problem);
        if (m.matches()) {
            return new Problem(Math.max(1, Integer.parseInt(m.group(2))), m.group(3));
        }
        return new Problem(1, problem);
    }
}

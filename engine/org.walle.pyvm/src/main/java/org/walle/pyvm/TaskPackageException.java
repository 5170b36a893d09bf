package org.walle.pyvm;

import java.util.List;

/** A task package that cannot be used; {@link #problems()} lists every problem found, each naming what is wrong. */
public final class TaskPackageException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public TaskPackageException(String source, List<String> problems) {
        super("invalid task package " + source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

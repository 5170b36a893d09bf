package org.walle.device;

import java.util.List;

/** A device profile (or profile mix) that cannot be used; {@link #problems()} names every wrong field. */
public final class ProfileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public ProfileException(String source, List<String> problems) {
        super("invalid device profile " + source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

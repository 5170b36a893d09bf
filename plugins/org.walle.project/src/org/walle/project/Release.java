package org.walle.project;

import java.util.List;

/** A staged rollout of one task version with a targeting policy. */
public record Release(String taskId, String version, String policy, List<Stage> stages, Status status) {
    public Release {
        stages = List.copyOf(stages);
    }

    /** A rollout stage: the share of matching devices that get the version. */
    public record Stage(String name, int percent) {
    }

    /** The literals of walle.ecore's ReleaseStatus. */
    public enum Status {
        DRAFT("draft"), RUNNING("running"), PAUSED("paused"), COMPLETED("completed"), ROLLED_BACK("rolledBack"),
        KILLED("killed");

        final String literal;

        Status(String literal) {
            this.literal = literal;
        }

        static Status of(String literal) {
            for (Status s : values()) {
                if (s.literal.equals(literal)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown release status " + literal);
        }
    }
}

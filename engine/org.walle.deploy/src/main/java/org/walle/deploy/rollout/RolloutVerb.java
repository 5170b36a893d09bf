package org.walle.deploy.rollout;

import java.util.Locale;

/** Operator (or automatic) actions on a rollout. */
public enum RolloutVerb {
    START, PAUSE, RESUME, ADVANCE, ROLLBACK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RolloutVerb parse(String s) {
        for (RolloutVerb v : values()) {
            if (v.wireName().equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown rollout verb '" + s + "', expected start, pause, resume, advance or rollback");
    }
}

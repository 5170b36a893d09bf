package org.walle.stream.trigger;

import java.util.List;
import java.util.Objects;

/**
 * What fires a task: a sequence of steps matched in order (other events may come between them), all within
 * {@code windowMillis} of the first matched event, with none of the {@code absent} steps happening strictly between
 * the first and the last matched event ("A then B with no C within T").
 *
 * <p>Selection: every event that matches the first step starts a new partial match; a partial match takes the first
 * later event that matches its next step (skip-till-next-match) and completes at most once.
 */
public final class Trigger {
    /** Window value meaning "no time limit" (partial matches are then bounded only by the engine's cap). */
    public static final long NO_WINDOW = Long.MAX_VALUE;

    private final String id;
    private final List<Step> steps;
    private final long windowMillis;
    private final List<Step> absent;

    public Trigger(String id, List<Step> steps, long windowMillis, List<Step> absent) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a trigger needs a non-empty id");
        }
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("trigger " + id + " needs at least one step");
        }
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("trigger " + id + ": window must be > 0 ms, got " + windowMillis);
        }
        List<Step> none = absent == null ? List.of() : List.copyOf(absent);
        for (Step a : none) {
            for (Step s : steps) {
                // an absent event that is also a step would be ambiguous: is it the step or the forbidden event?
                if (a.eventId().equals(s.eventId())) {
                    throw new IllegalArgumentException("trigger " + id + ": absent event '" + a.eventId()
                            + "' is also one of its steps");
                }
            }
        }
        if (!none.isEmpty() && steps.size() < 2) {
            throw new IllegalArgumentException("trigger " + id + ": 'absent' needs at least two steps to lie between");
        }
        this.id = id;
        this.steps = List.copyOf(steps);
        this.windowMillis = windowMillis;
        this.absent = none;
    }

    /** A trigger without window or absence. */
    public static Trigger sequence(String id, Step... steps) {
        return new Trigger(id, List.of(steps), NO_WINDOW, List.of());
    }

    public String id() {
        return id;
    }

    public List<Step> steps() {
        return steps;
    }

    public long windowMillis() {
        return windowMillis;
    }

    public boolean hasWindow() {
        return windowMillis != NO_WINDOW;
    }

    public List<Step> absent() {
        return absent;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Trigger)) {
            return false;
        }
        Trigger t = (Trigger) o;
        return id.equals(t.id) && steps.equals(t.steps) && windowMillis == t.windowMillis && absent.equals(t.absent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, steps, windowMillis, absent);
    }

    @Override
    public String toString() {
        return id + steps + (hasWindow() ? " within " + windowMillis + "ms" : "")
                + (absent.isEmpty() ? "" : " absent " + absent);
    }
}

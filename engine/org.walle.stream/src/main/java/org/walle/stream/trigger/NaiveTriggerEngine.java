package org.walle.stream.trigger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

import org.walle.stream.event.Event;
import org.walle.stream.trigger.internal.AbsenceTracker;
import org.walle.stream.trigger.internal.MatchChain;

/**
 * The reference engine: every trigger scans every event on its own, with its own partial matches. Simple enough to
 * be obviously right, so tests use it as the oracle for {@link TrieTriggerEngine}; benchmarks use it as the baseline.
 * The cap applies per trigger.
 */
public final class NaiveTriggerEngine implements TriggerEngine {
    private final Map<String, Scanner> scanners = new LinkedHashMap<>();
    private final AbsenceTracker absence = new AbsenceTracker();
    private final int maxPartialMatchesPerTrigger;
    private long nextSequence;
    private long lastTime = Long.MIN_VALUE;
    private long evicted;

    public NaiveTriggerEngine() {
        this(TrieTriggerEngine.DEFAULT_MAX_PARTIAL_MATCHES);
    }

    public NaiveTriggerEngine(int maxPartialMatchesPerTrigger) {
        if (maxPartialMatchesPerTrigger < 1) {
            throw new IllegalArgumentException("cap must be >= 1, got " + maxPartialMatchesPerTrigger);
        }
        this.maxPartialMatchesPerTrigger = maxPartialMatchesPerTrigger;
    }

    @Override
    public void addTrigger(Trigger trigger) {
        if (scanners.containsKey(trigger.id())) {
            throw new IllegalArgumentException("a trigger with id '" + trigger.id() + "' is already registered");
        }
        scanners.put(trigger.id(), new Scanner(trigger, absence.register(trigger.absent())));
    }

    @Override
    public boolean removeTrigger(String triggerId) {
        Scanner removed = scanners.remove(triggerId);
        if (removed != null) {
            absence.unregister(removed.trigger.absent());
        }
        return removed != null;
    }

    @Override
    public Collection<Trigger> triggers() {
        List<Trigger> all = new ArrayList<>();
        scanners.values().forEach(s -> all.add(s.trigger));
        return Collections.unmodifiableList(all);
    }

    @Override
    public List<TriggerMatch> onEvent(Event event) {
        if (event.timestamp() < lastTime) {
            throw new IllegalArgumentException("event timestamps must not decrease: got " + event.timestamp()
                    + " after " + lastTime + " (" + event + ")");
        }
        lastTime = event.timestamp();
        long seq = nextSequence++;
        List<TriggerMatch> fired = new ArrayList<>(0);
        for (Scanner scanner : scanners.values()) {
            scanner.onEvent(event, seq, fired);
        }
        absence.record(event, seq);
        Collections.sort(fired);
        return fired;
    }

    @Override
    public int livePartialMatches() {
        int total = 0;
        for (Scanner s : scanners.values()) {
            total += s.runs.size();
        }
        return total;
    }

    @Override
    public long evictedPartialMatches() {
        return evicted;
    }

    @Override
    public long nextSequence() {
        return nextSequence;
    }

    /** One trigger's partial matches ("runs"), each knowing which step it waits for. */
    private final class Scanner {
        final Trigger trigger;
        final AbsenceTracker.Check absent;
        final LinkedList<Run> runs = new LinkedList<>();

        Scanner(Trigger trigger, AbsenceTracker.Check absent) {
            this.trigger = trigger;
            this.absent = absent;
        }

        void onEvent(Event event, long seq, List<TriggerMatch> fired) {
            List<Step> steps = trigger.steps();
            for (Iterator<Run> it = runs.iterator(); it.hasNext();) {
                Run run = it.next();
                if (event.timestamp() - run.startTime > trigger.windowMillis()) {
                    it.remove();
                } else if (steps.get(run.next).matches(event)) {
                    run.chain = run.chain.append(event, seq);
                    if (++run.next == steps.size()) {
                        it.remove();
                        if (absent.noneSince(run.startSequence)) {
                            fired.add(new TriggerMatch(trigger.id(), run.chain));
                        }
                    }
                }
            }
            if (steps.get(0).matches(event)) {
                if (steps.size() == 1) {
                    fired.add(new TriggerMatch(trigger.id(), MatchChain.first(event, seq)));
                } else {
                    runs.addLast(new Run(MatchChain.first(event, seq), event.timestamp(), seq));
                    if (runs.size() > maxPartialMatchesPerTrigger) {
                        runs.removeFirst();
                        evicted++;
                    }
                }
            }
        }
    }

    private static final class Run {
        MatchChain chain;
        int next = 1;
        final long startTime;
        final long startSequence;

        Run(MatchChain chain, long startTime, long startSequence) {
            this.chain = chain;
            this.startTime = startTime;
            this.startSequence = startSequence;
        }
    }
}

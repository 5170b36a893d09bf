package org.walle.stream.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.walle.stream.event.Event;
import org.walle.stream.event.EventJson;
import org.walle.stream.internal.RecordLog;
import org.walle.stream.trigger.TaskRunner;
import org.walle.stream.trigger.TrieTriggerEngine;
import org.walle.stream.trigger.Trigger;
import org.walle.stream.trigger.TriggerEngine;
import org.walle.stream.trigger.TriggerJson;
import org.walle.stream.trigger.TriggerMatch;

/**
 * The device-side pipeline with a durable event log: every event and every trigger change is logged (fsync) before
 * it is processed, and every fire is logged before the task runner sees it. After a crash, {@link #open} replays the
 * log through a fresh trie (matching is deterministic, so it rebuilds the same partial matches) and suppresses the
 * fires the log says already happened: no trigger fires twice for the same events. Not thread-safe.
 */
public final class DurablePipeline implements AutoCloseable {
    private static final String LOG_FILE = "events.log";

    private final RecordLog log;
    private final TriggerEngine engine = new TrieTriggerEngine();
    private final TaskRunner runner;
    private final RecoveryReport recovery;

    private DurablePipeline(RecordLog log, TaskRunner runner, List<LogRecord> history) throws IOException {
        this.log = log;
        this.runner = runner;
        this.recovery = replay(history, log.droppedTailBytes());
    }

    /** Opens or creates the log in {@code dir} and recovers from it; {@code runner} receives pending fires. */
    public static DurablePipeline open(Path dir, TaskRunner runner) throws IOException {
        Objects.requireNonNull(runner, "runner");
        Files.createDirectories(dir);
        List<LogRecord> history = new ArrayList<>();
        RecordLog log = RecordLog.open(dir.resolve(LOG_FILE), (offset, payload) -> history.add(
                LogRecord.decode(payload)));
        try {
            return new DurablePipeline(log, runner, history);
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
    }

    private RecoveryReport replay(List<LogRecord> history, long droppedTail) throws IOException {
        Set<String> fired = new HashSet<>();
        Set<String> unfinished = new LinkedHashSet<>();
        for (LogRecord r : history) {
            if (r.kind == LogRecord.FIRED) {
                fired.add(r.text);
                unfinished.add(r.text);
            } else if (r.kind == LogRecord.DONE) {
                unfinished.remove(r.text);
            }
        }
        long events = 0;
        long suppressed = 0;
        long delivered = 0;
        for (LogRecord r : history) {
            switch (r.kind) {
                case LogRecord.EVENT:
                    events++;
                    List<TriggerMatch> pending = new ArrayList<>();
                    for (TriggerMatch m : engine.onEvent(EventJson.fromJson(r.text))) {
                        if (fired.contains(m.key())) {
                            suppressed++;
                        } else {
                            pending.add(m);
                        }
                    }
                    dispatch(pending);
                    delivered += pending.size();
                    break;
                case LogRecord.TRIGGER_ADDED:
                    engine.addTrigger(TriggerJson.parse(r.text).get(0));
                    break;
                case LogRecord.TRIGGER_REMOVED:
                    engine.removeTrigger(r.text);
                    break;
                default:
                    break;
            }
        }
        return new RecoveryReport(events, suppressed, delivered, new ArrayList<>(unfinished), droppedTail);
    }

    public RecoveryReport recovery() {
        return recovery;
    }

    public void addTrigger(Trigger trigger) {
        if (engine.triggers().stream().anyMatch(t -> t.id().equals(trigger.id()))) {
            throw new IllegalArgumentException("a trigger with id '" + trigger.id() + "' is already registered");
        }
        append(new LogRecord(LogRecord.TRIGGER_ADDED, TriggerJson.write(List.of(trigger))));
        engine.addTrigger(trigger);
    }

    public boolean removeTrigger(String triggerId) {
        if (engine.triggers().stream().noneMatch(t -> t.id().equals(triggerId))) {
            return false;
        }
        append(new LogRecord(LogRecord.TRIGGER_REMOVED, triggerId));
        return engine.removeTrigger(triggerId);
    }

    public Collection<Trigger> triggers() {
        return engine.triggers();
    }

    /** Logs the event durably, then matches it and runs the fired tasks; returns the fires. */
    public List<TriggerMatch> offer(Event event) {
        return offerAll(List.of(event));
    }

    /** Like {@link #offer} for a batch: one fsync for all the events, then each is processed in order. */
    public List<TriggerMatch> offerAll(List<Event> events) {
        List<byte[]> records = new ArrayList<>(events.size());
        for (Event e : events) {
            records.add(new LogRecord(LogRecord.EVENT, EventJson.toJson(e)).encode());
        }
        try {
            log.appendAll(records, true);
        } catch (IOException e) {
            throw new UncheckedIOException("event log append failed; the events were not processed", e);
        }
        List<TriggerMatch> all = new ArrayList<>();
        for (Event e : events) {
            List<TriggerMatch> matches = engine.onEvent(e);
            dispatch(matches);
            all.addAll(matches);
        }
        return all;
    }

    /** One fsync records all fires of an event before the first task runs; DONE marks need no fsync. */
    private void dispatch(List<TriggerMatch> matches) {
        if (matches.isEmpty()) {
            return;
        }
        List<byte[]> fired = new ArrayList<>(matches.size());
        matches.forEach(m -> fired.add(new LogRecord(LogRecord.FIRED, m.key()).encode()));
        try {
            log.appendAll(fired, true);
            for (TriggerMatch m : matches) {
                runner.run(m);
                log.append(new LogRecord(LogRecord.DONE, m.key()).encode(), false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("event log append failed", e);
        }
    }

    private void append(LogRecord record) {
        try {
            log.append(record.encode(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("event log append failed", e);
        }
    }

    /** Events processed so far (including replayed ones). */
    public long eventCount() {
        return engine.nextSequence();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}

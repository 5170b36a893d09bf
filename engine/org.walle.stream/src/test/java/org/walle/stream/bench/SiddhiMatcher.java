package org.walle.stream.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.walle.stream.event.Event;
import org.walle.stream.trigger.Step;
import org.walle.stream.trigger.Trigger;
import org.walle.stream.trigger.TriggerMatch;

import io.siddhi.core.SiddhiAppRuntime;
import io.siddhi.core.SiddhiManager;
import io.siddhi.core.query.output.callback.QueryCallback;
import io.siddhi.core.stream.input.InputHandler;

/**
 * The same triggers as Siddhi patterns, one query per trigger, on event time ({@code @app:playback}):
 * {@code every e0=S[A] -> not S[C] and e1=S[B] within T milliseconds}. Siddhi's every-start, skip-till-next-match
 * semantics and inclusive {@code within} are those of our engines, so all three must fire the same matches.
 */
final class SiddhiMatcher implements TriggerBenchmark.Matcher {
    private final SiddhiManager manager = new SiddhiManager();
    private final SiddhiAppRuntime runtime;
    private final InputHandler input;
    private final List<Event> seen = new ArrayList<>();
    private final List<TriggerMatch> fired = new ArrayList<>();

    SiddhiMatcher(List<Trigger> triggers) {
        StringBuilder app = new StringBuilder("@app:name('walle_bench') @app:playback ")
                .append("define stream S (seq long, eventId string, pageId string);\n");
        for (int q = 0; q < triggers.size(); q++) {
            app.append(query(q, triggers.get(q))).append('\n');
        }
        runtime = manager.createSiddhiAppRuntime(app.toString());
        for (int q = 0; q < triggers.size(); q++) {
            String id = triggers.get(q).id();
            runtime.addCallback("q" + q, new QueryCallback() {
                @Override
                public void receive(long timestamp, io.siddhi.core.event.Event[] in,
                        io.siddhi.core.event.Event[] removed) {
                    if (in != null) {
                        for (io.siddhi.core.event.Event e : in) {
                            fired.add(toMatch(id, e.getData()));
                        }
                    }
                }
            });
        }
        runtime.start();
        input = runtime.getInputHandler("S");
    }

    static String query(int q, Trigger t) {
        StringBuilder sb = new StringBuilder("@info(name='q" + q + "') from ");
        List<Step> steps = t.steps();
        if (steps.size() == 1) {
            sb.append("S[").append(condition(steps.get(0))).append("] select seq as s0");
        } else {
            for (int i = 0; i < steps.size(); i++) {
                if (i == 0) {
                    sb.append("every ");
                } else {
                    sb.append(" -> ");
                    for (Step absent : t.absent()) {
                        sb.append("not S[").append(condition(absent)).append("] and ");
                    }
                }
                sb.append('e').append(i).append("=S[").append(condition(steps.get(i))).append(']');
            }
            if (t.hasWindow()) {
                sb.append(" within ").append(t.windowMillis()).append(" milliseconds");
            }
            sb.append(" select ");
            for (int i = 0; i < steps.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append('e').append(i).append(".seq as s").append(i);
            }
        }
        return sb.append(" insert into O").append(q).append(';').toString();
    }

    private static String condition(Step s) {
        String c = "eventId == '" + s.eventId().replace("'", "\\'") + "'";
        return s.pageId() == null ? c : c + " and pageId == '" + s.pageId().replace("'", "\\'") + "'";
    }

    private TriggerMatch toMatch(String triggerId, Object[] data) {
        long[] seqs = new long[data.length];
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < data.length; i++) {
            seqs[i] = (Long) data[i];
            events.add(seen.get((int) seqs[i]));
        }
        return new TriggerMatch(triggerId, events, seqs);
    }

    @Override
    public List<TriggerMatch> onEvent(Event event) {
        long seq = seen.size();
        seen.add(event);
        fired.clear();
        try {
            input.send(event.timestamp(), new Object[] {seq, event.eventId(), event.pageId()});
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<TriggerMatch> out = new ArrayList<>(fired);
        Collections.sort(out);
        return out;
    }

    @Override
    public void close() {
        runtime.shutdown();
        manager.shutdown();
    }
}

package org.walle.pyvm.ui.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.walle.stream.event.EcommerceGenerator;
import org.walle.stream.event.Event;

/** The behaviour stream a task run is fed: a recorded JSON Lines file or a generated e-commerce stream. */
public sealed interface EventStream {

    /** A recorded stream, one event a line ({@code {"event_id", "page_id", "timestamp", "args"}}). */
    record Recorded(Path jsonl) implements EventStream {
    }

    /**
     * {@code sessions} generated user sessions from {@code seed}; {@code mix} names the event ids that are fed (the
     * rest is dropped, so a task sees only the kinds of event it is about), empty for all of them.
     */
    record Generated(long seed, int sessions, Set<String> mix) implements EventStream {
        public Generated {
            if (sessions < 1) {
                throw new IllegalArgumentException("sessions must be at least 1, got " + sessions);
            }
            Set<String> unknown = new TreeSet<>(mix);
            unknown.removeAll(EcommerceGenerator.EVENT_IDS);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("unknown event ids in the mix: " + unknown + " (the generator emits "
                        + EcommerceGenerator.EVENT_IDS + ")");
            }
            mix = Set.copyOf(mix);
        }

        /** The events this stream feeds, in order. */
        public List<Event> events() {
            List<Event> all = new EcommerceGenerator(seed).generate(sessions);
            if (mix.isEmpty()) {
                return all;
            }
            List<Event> kept = new ArrayList<>();
            for (Event e : all) {
                if (mix.contains(e.eventId())) {
                    kept.add(e);
                }
            }
            return kept;
        }

        /** How the console describes it. */
        public String describe() {
            return "seed " + seed + ", " + sessions + " sessions" + (mix.isEmpty() ? "" : ", events " + new TreeSet<>(mix));
        }
    }
}

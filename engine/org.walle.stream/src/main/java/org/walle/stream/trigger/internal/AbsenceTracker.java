package org.walle.stream.trigger.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.walle.stream.event.Event;
import org.walle.stream.trigger.Step;

/**
 * Remembers, for each event id some trigger forbids, the sequence number of its latest occurrence (on any page, and
 * on each page a trigger forbids it on). "No C strictly between the first and the last matched event" then is one
 * lookup at completion time: the latest C before the completing event must be older than the first matched event.
 * Only ids and pages referenced by a registered trigger are tracked, so hostile streams with endless distinct ids
 * or pages cannot grow it; lookups build no keys and box nothing.
 */
public final class AbsenceTracker {
    private final Map<String, Latest> byEvent = new HashMap<>();

    /**
     * Starts tracking the events of {@code absent}; the returned check stays valid until the matching
     * {@link #unregister}. Engines keep it with the trigger, so a completion checks absence without map lookups.
     */
    public Check register(List<Step> absent) {
        long[][] slots = new long[absent.size()][];
        for (int i = 0; i < absent.size(); i++) {
            Step s = absent.get(i);
            Latest latest = byEvent.computeIfAbsent(s.eventId(), k -> new Latest());
            latest.references++;
            if (s.pageId() == null) {
                slots[i] = latest.anyPage;
            } else {
                PageLatest page = latest.byPage.computeIfAbsent(s.pageId(), k -> new PageLatest());
                page.references++;
                slots[i] = page.sequence;
            }
        }
        return new Check(slots);
    }

    public void unregister(List<Step> absent) {
        for (Step s : absent) {
            Latest latest = byEvent.get(s.eventId());
            if (latest == null) {
                continue;
            }
            if (s.pageId() != null) {
                PageLatest page = latest.byPage.get(s.pageId());
                if (page != null && --page.references <= 0) {
                    latest.byPage.remove(s.pageId());
                }
            }
            if (--latest.references <= 0) {
                byEvent.remove(s.eventId());
            }
        }
    }

    /** Call after the event was matched, so the completing event itself never counts as "between". */
    public void record(Event event, long sequence) {
        Latest latest = byEvent.get(event.eventId());
        if (latest != null) {
            latest.anyPage[0] = sequence;
            if (!latest.byPage.isEmpty()) {
                PageLatest page = latest.byPage.get(event.pageId());
                if (page != null) {
                    page.sequence[0] = sequence;
                }
            }
        }
    }

    /** The absence condition of one trigger, bound to the tracker's slots for its forbidden events. */
    public static final class Check {
        private final long[][] slots;

        private Check(long[][] slots) {
            this.slots = slots;
        }

        /** True when none of the trigger's absent events occurred after {@code firstSequence}. */
        public boolean noneSince(long firstSequence) {
            for (long[] slot : slots) {
                if (slot[0] > firstSequence) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Latest occurrence of one forbidden event id; -1 = not seen since it was first referenced. The sequence numbers
     * live in one-element arrays that {@link Check}s share, so recording one updates every check that reads it.
     */
    private static final class Latest {
        final long[] anyPage = {-1};
        int references;
        final Map<String, PageLatest> byPage = new HashMap<>(4);
    }

    private static final class PageLatest {
        final long[] sequence = {-1};
        int references;
    }
}

package org.walle.stream.trigger.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.walle.stream.event.Event;
import org.walle.stream.trigger.Step;

/**
 * Remembers, for each event id some trigger forbids, the sequence number of its latest occurrence (overall and per
 * page). "No C strictly between the first and the last matched event" then is one lookup at completion time:
 * the latest C before the completing event must be older than the first matched event. Only ids referenced by a
 * registered trigger are tracked, so hostile streams with endless distinct ids cannot grow it.
 */
public final class AbsenceTracker {
    private final Map<String, Integer> referenced = new HashMap<>();
    private final Map<String, Long> lastByEvent = new HashMap<>();
    private final Map<String, Long> lastByEventAndPage = new HashMap<>();

    public void register(List<Step> absent) {
        for (Step s : absent) {
            referenced.merge(s.eventId(), 1, Integer::sum);
        }
    }

    public void unregister(List<Step> absent) {
        for (Step s : absent) {
            if (referenced.merge(s.eventId(), -1, Integer::sum) <= 0) {
                referenced.remove(s.eventId());
                lastByEvent.remove(s.eventId());
                lastByEventAndPage.keySet().removeIf(k -> k.startsWith(s.eventId() + '\u0000'));
            }
        }
    }

    /** Call after the event was matched, so the completing event itself never counts as "between". */
    public void record(Event event, long sequence) {
        if (referenced.containsKey(event.eventId())) {
            lastByEvent.put(event.eventId(), sequence);
            lastByEventAndPage.put(event.eventId() + '\u0000' + event.pageId(), sequence);
        }
    }

    /** True when none of {@code absent} occurred after {@code firstSequence} (up to the current event). */
    public boolean noneSince(List<Step> absent, long firstSequence) {
        for (Step s : absent) {
            Long last = s.pageId() == null ? lastByEvent.get(s.eventId())
                    : lastByEventAndPage.get(s.eventId() + '\u0000' + s.pageId());
            if (last != null && last > firstSequence) {
                return false;
            }
        }
        return true;
    }
}

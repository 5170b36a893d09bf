package org.walle.stream.bench;

import java.util.List;

import org.walle.stream.event.EcommerceGenerator;
import org.walle.stream.event.Event;
import org.walle.stream.trigger.RandomTriggers;
import org.walle.stream.trigger.TrieTriggerEngine;
import org.walle.stream.trigger.Trigger;
import org.walle.stream.trigger.TriggerMatch;

/** Development aid: prints the first event where Siddhi and the trie disagree. */
public final class SiddhiAgreementCheck {
    public static void main(String[] args) {
        int count = Integer.parseInt(args[0]);
        List<Trigger> triggers = new RandomTriggers(count, true).make(count);
        List<Event> events = new EcommerceGenerator(2026).generate(Integer.parseInt(args[1]));
        TrieTriggerEngine trie = new TrieTriggerEngine();
        triggers.forEach(trie::addTrigger);
        try (SiddhiMatcher siddhi = new SiddhiMatcher(triggers)) {
            long fires = 0;
            for (Event e : events) {
                List<TriggerMatch> a = trie.onEvent(e);
                List<TriggerMatch> b = siddhi.onEvent(e);
                fires += a.size();
                if (!a.equals(b)) {
                    System.out.println("differ at " + (trie.nextSequence() - 1) + " " + e + "\n trie   " + a
                            + "\n siddhi " + b);
                    for (TriggerMatch m : a) {
                        if (!b.contains(m)) {
                            triggers.stream().filter(t -> t.id().equals(m.triggerId())).forEach(t -> System.out
                                    .println(" " + t + "\n " + SiddhiMatcher.query(0, t)));
                        }
                    }
                    return;
                }
            }
            System.out.println("agree on " + events.size() + " events, " + fires + " fires");
        }
    }
}

package org.walle.stream.trigger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.walle.stream.event.Event;
import org.walle.stream.event.EventType;
import org.walle.stream.trigger.Step;
import org.walle.stream.trigger.Trigger;
import org.walle.stream.trigger.TriggerMatch;

/** Fires handed in in any order come out in {@link TriggerMatch#compareTo} order, however many there are. */
class FireCollectorTest {
    private static final Event EVENT = new Event(EventType.CUSTOM, "A", "home", 0);

    @Test
    void shuffledFiresComeOutSortedByRankThenPositions() {
        Random random = new Random(3);
        List<TrieNode.Registered> triggers = new ArrayList<>();
        for (String id : List.of("a", "b", "c", "d")) {
            TrieNode.Registered r = new TrieNode.Registered(Trigger.sequence(id, Step.of("A"), Step.of("B")),
                    null, 0, null);
            r.rank = triggers.size();
            triggers.add(r);
        }
        FireCollector collector = new FireCollector();
        for (int round = 0; round < 50; round++) {
            int n = random.nextInt(200); // past the initial capacity too
            List<TriggerMatch> expected = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                TrieNode.Registered r = triggers.get(random.nextInt(triggers.size()));
                long first = random.nextInt(1000);
                MatchChain chain = MatchChain.first(EVENT, first).append(EVENT, first + 1 + random.nextInt(5));
                collector.add(r, chain);
                expected.add(new TriggerMatch(r.id, chain));
            }
            expected.sort(null);
            List<TriggerMatch> out = collector.takeSorted();
            assertEquals(expected, out, "round " + round);
            for (int i = 1; i < out.size(); i++) {
                assertTrue(out.get(i - 1).compareTo(out.get(i)) <= 0);
            }
        }
        assertEquals(List.of(), collector.takeSorted(), "taking empties the collector");
    }
}

package org.walle.stream.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.walle.stream.event.EcommerceGenerator;
import org.walle.stream.event.Event;

/** The trie must fire exactly what the naive per-trigger scanner fires, event by event. */
class TrieMatchesNaiveTest {
    @ParameterizedTest(name = "seed {0}, {1} triggers, {2} sessions")
    @CsvSource({"1, 10, 200", "2, 100, 100", "3, 300, 30", "4, 5, 200"})
    void sameMatchesOnGeneratedStreams(long seed, int triggerCount, int sessions) {
        List<Event> events = new EcommerceGenerator(seed).generate(sessions);
        List<Trigger> triggers = new RandomTriggers(seed * 31).make(triggerCount);
        TrieTriggerEngine trie = new TrieTriggerEngine();
        NaiveTriggerEngine naive = new NaiveTriggerEngine();
        triggers.forEach(trie::addTrigger);
        triggers.forEach(naive::addTrigger);
        long fired = 0;
        for (Event e : events) {
            List<TriggerMatch> expected = naive.onEvent(e);
            assertEquals(expected, trie.onEvent(e), "event " + (trie.nextSequence() - 1) + " " + e);
            fired += expected.size();
        }
        assertTrue(fired > 0, "the stream fired something, so the comparison means something");
        assertEquals(0, trie.evictedPartialMatches());
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"11", "12", "13"})
    void sameMatchesWhileTriggersAreAddedAndRemovedDuringFlow(long seed) {
        List<Event> events = new EcommerceGenerator(seed).generate(200);
        RandomTriggers source = new RandomTriggers(seed);
        Random ops = new Random(seed);
        TrieTriggerEngine trie = new TrieTriggerEngine();
        NaiveTriggerEngine naive = new NaiveTriggerEngine();
        List<String> present = new ArrayList<>();
        int changes = 0;
        long fired = 0;
        for (Event e : events) {
            if (ops.nextInt(20) == 0) {
                changes++;
                if (!present.isEmpty() && ops.nextInt(3) == 0) {
                    String id = present.remove(ops.nextInt(present.size()));
                    assertTrue(trie.removeTrigger(id));
                    assertTrue(naive.removeTrigger(id));
                } else {
                    Trigger t = source.next();
                    trie.addTrigger(t);
                    naive.addTrigger(t);
                    present.add(t.id());
                }
            }
            List<TriggerMatch> expected = naive.onEvent(e);
            assertEquals(expected, trie.onEvent(e), "event " + (trie.nextSequence() - 1) + " " + e);
            fired += expected.size();
        }
        assertTrue(changes > 100 && fired > 0, changes + " changes, " + fired + " fires");
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"21", "22"})
    void removingEveryTriggerLeavesAnEmptyTrieWithNoPartialMatches(long seed) {
        TrieTriggerEngine trie = new TrieTriggerEngine();
        List<Trigger> triggers = new RandomTriggers(seed).make(200);
        triggers.forEach(trie::addTrigger);
        int nodes = trie.nodeCount();
        int stepTotal = triggers.stream().mapToInt(t -> t.steps().size()).sum();
        assertTrue(nodes < stepTotal, "prefixes are shared: " + nodes + " nodes for " + stepTotal + " steps");
        new EcommerceGenerator(seed).generate(50).forEach(trie::onEvent);
        assertTrue(trie.livePartialMatches() > 0);
        triggers.forEach(t -> assertTrue(trie.removeTrigger(t.id())));
        assertEquals(0, trie.nodeCount());
        assertEquals(0, trie.livePartialMatches());
    }
}

package org.walle.stream.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.walle.stream.event.Event;
import org.walle.stream.event.EventType;

/**
 * The trie's internal bookkeeping: a partial match waits at its node while each child edge keeps a cursor into the
 * node's partial matches; finished ones are released, dead ones compacted away. These tests aim at the places where
 * that can go wrong (edges added or pruned while partial matches wait, busy nodes compacted between events).
 */
class TrieBookkeepingTest {
    static List<Supplier<TriggerEngine>> engines() {
        return List.of(TrieTriggerEngine::new, NaiveTriggerEngine::new);
    }

    private static Event ev(String id, long ts) {
        return new Event(EventType.CUSTOM, id, "home", ts);
    }

    private static List<String> run(TriggerEngine engine, Event... events) {
        List<String> keys = new ArrayList<>();
        for (Event e : events) {
            engine.onEvent(e).forEach(m -> keys.add(m.key()));
        }
        return keys;
    }

    @ParameterizedTest
    @MethodSource("engines")
    void anEdgeAddedWhileAPartialMatchIsUnderwayIsNotTakenByIt(Supplier<TriggerEngine> make) {
        TriggerEngine engine = make.get();
        engine.addTrigger(Trigger.sequence("abc", Step.of("A"), Step.of("B"), Step.of("C")));
        run(engine, ev("A", 0));
        // abd's D edge hangs below B; the A at 0 reaches B only after abd exists, but started before it
        engine.addTrigger(Trigger.sequence("abd", Step.of("A"), Step.of("B"), Step.of("D")));
        assertEquals(List.of(), run(engine, ev("B", 1), ev("D", 2)));
        assertEquals(List.of("abd:3,4,5", "abc:0,1,6", "abc:3,4,6"),
                run(engine, ev("A", 3), ev("B", 4), ev("D", 5), ev("C", 6)));
    }

    @Test
    void partialMatchesAreReleasedOnceTheyTookEveryEdge() {
        TrieTriggerEngine engine = new TrieTriggerEngine();
        engine.addTrigger(Trigger.sequence("abc", Step.of("A"), Step.of("B"), Step.of("C")));
        engine.addTrigger(Trigger.sequence("abd", Step.of("A"), Step.of("B"), Step.of("D")));
        engine.onEvent(ev("A", 0));
        assertEquals(1, engine.livePartialMatches(), "A waits for B");
        engine.onEvent(ev("B", 1));
        assertEquals(1, engine.livePartialMatches(), "A took its only edge; AB waits for C and D");
        engine.onEvent(ev("C", 2));
        assertEquals(1, engine.livePartialMatches(), "AB still waits for D");
        engine.onEvent(ev("D", 3));
        assertEquals(0, engine.livePartialMatches(), "AB took both edges");
    }

    @Test
    void pruningAnEdgeReleasesPartialMatchesThatOnlyWaitedForIt() {
        TrieTriggerEngine engine = new TrieTriggerEngine();
        engine.addTrigger(Trigger.sequence("abc", Step.of("A"), Step.of("B"), Step.of("C")));
        engine.addTrigger(Trigger.sequence("abd", Step.of("A"), Step.of("B"), Step.of("D")));
        engine.onEvent(ev("A", 0));
        engine.onEvent(ev("B", 1));
        engine.onEvent(ev("C", 2));
        assertTrue(engine.removeTrigger("abd"));
        assertEquals(0, engine.livePartialMatches(), "AB took C, and D is gone");
        engine.onEvent(ev("A", 3));
        engine.onEvent(ev("B", 4));
        assertEquals(1, engine.livePartialMatches());
        assertTrue(engine.removeTrigger("abc"));
        assertEquals(0, engine.livePartialMatches());
        assertEquals(0, engine.nodeCount());
    }

    @Test
    void firesComeOutSortedByIdAsIdsComeAndGo() {
        TrieTriggerEngine trie = new TrieTriggerEngine();
        NaiveTriggerEngine naive = new NaiveTriggerEngine();
        List<String> ids = List.of("b", "a10", "a9", "a", "B", "\u00e9", "a1");
        for (String id : ids) {
            Trigger t = Trigger.sequence(id, Step.of("A"), Step.of("B"));
            trie.addTrigger(t);
            naive.addTrigger(t);
        }
        for (int round = 0; round < ids.size(); round++) {
            Event a = ev("A", round * 10);
            Event b = ev("B", round * 10 + 1);
            assertEquals(naive.onEvent(a), trie.onEvent(a));
            List<TriggerMatch> fired = trie.onEvent(b);
            assertEquals(naive.onEvent(b), fired, "round " + round);
            List<TriggerMatch> sorted = new ArrayList<>(fired);
            sorted.sort(null);
            assertEquals(sorted, fired);
            String gone = ids.get(round);
            trie.removeTrigger(gone);
            naive.removeTrigger(gone);
            Trigger back = Trigger.sequence(gone + "_" + round, Step.of("A"), Step.of("B"));
            trie.addTrigger(back);
            naive.addTrigger(back);
        }
    }

    /**
     * A tiny vocabulary makes nodes busy: thousands of partial matches per node die and are compacted while other
     * edges' cursors point into the same list. Triggers come and go during the flow.
     */
    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"31", "32", "33"})
    void busyNodesMatchTheNaiveEngineThroughCompactions(long seed) {
        Random random = new Random(seed);
        String[] ids = {"A", "B", "C", "D", "E"};
        String[] pages = {"p", "q"};
        TrieTriggerEngine trie = new TrieTriggerEngine();
        NaiveTriggerEngine naive = new NaiveTriggerEngine();
        List<String> present = new ArrayList<>();
        int next = 0;
        long fired = 0;
        long time = 0;
        int peakLive = 0;
        for (int i = 0; i < 20_000; i++) {
            if (i % 250 == 0 || present.size() < 12) {
                Trigger t = randomTrigger("r" + next++, random, ids, pages);
                trie.addTrigger(t);
                naive.addTrigger(t);
                present.add(t.id());
            }
            if (i % 400 == 399) {
                String id = present.remove(random.nextInt(present.size()));
                trie.removeTrigger(id);
                naive.removeTrigger(id);
            }
            time += random.nextInt(40);
            Event e = new Event(EventType.CUSTOM, ids[random.nextInt(ids.length)], pages[random.nextInt(2)], time);
            List<TriggerMatch> expected = naive.onEvent(e);
            assertEquals(expected, trie.onEvent(e), "event " + i);
            fired += expected.size();
            peakLive = Math.max(peakLive, trie.livePartialMatches());
        }
        assertTrue(fired > 10_000, "fires: " + fired);
        assertEquals(0, trie.evictedPartialMatches());
        // windows are at most 2 s and events ~20 ms apart: about 100 starts per window per first step
        assertTrue(peakLive < 20_000, "peak live partial matches " + peakLive);
    }

    private static Trigger randomTrigger(String id, Random random, String[] ids, String[] pages) {
        List<Step> steps = new ArrayList<>();
        int length = 1 + random.nextInt(4);
        for (int i = 0; i < length; i++) {
            String event = ids[random.nextInt(ids.length - 1)]; // E is left for absence
            steps.add(random.nextInt(4) == 0 ? Step.on(event, pages[random.nextInt(2)]) : Step.of(event));
        }
        List<Step> absent = length > 1 && random.nextInt(3) == 0
                ? List.of(random.nextBoolean() ? Step.of("E") : Step.on("E", "q")) : List.of();
        return new Trigger(id, steps, 200 + random.nextInt(1800), absent);
    }
}

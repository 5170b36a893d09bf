package org.walle.stream.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.walle.stream.event.Event;
import org.walle.stream.event.EventType;

/** Hand-made streams with known answers; every case runs on both engines. */
class TriggerSemanticsTest {
    static List<Supplier<TriggerEngine>> engines() {
        return List.of(TrieTriggerEngine::new, NaiveTriggerEngine::new);
    }

    private static Event ev(String id, long ts) {
        return new Event(EventType.CUSTOM, id, "home", ts);
    }

    private static Event ev(String id, String page, long ts) {
        return new Event(EventType.CUSTOM, id, page, ts);
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
    void everyStartMatchesTheNextOccurrenceOfEachStep(Supplier<TriggerEngine> make) {
        TriggerEngine engine = make.get();
        engine.addTrigger(Trigger.sequence("ab", Step.of("A"), Step.of("B")));
        // A A x B B: both As take the first B; the second B has nothing left to complete
        assertEquals(List.of("ab:0,3", "ab:1,3"),
                run(engine, ev("A", 1), ev("A", 2), ev("x", 3), ev("B", 4), ev("B", 5)));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void windowEdgeIsInclusive(Supplier<TriggerEngine> make) {
        TriggerEngine engine = make.get();
        engine.addTrigger(new Trigger("ab", List.of(Step.of("A"), Step.of("B")), 100, List.of()));
        assertEquals(List.of("ab:0,1"), run(engine, ev("A", 1000), ev("B", 1100)), "exactly T apart fires");
        assertEquals(List.of(), run(engine, ev("A", 2000), ev("B", 2101)), "T + 1 ms does not");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void absenceKillsOnlyMatchesWithTheForbiddenEventInBetween(Supplier<TriggerEngine> make) {
        TriggerEngine engine = make.get();
        engine.addTrigger(new Trigger("cart_abandon", List.of(Step.of("cart"), Step.of("exit")), 1000,
                List.of(Step.of("buy"))));
        assertEquals(List.of(), run(engine, ev("cart", 0), ev("buy", 10), ev("exit", 20)));
        assertEquals(List.of("cart_abandon:4,6"), run(engine, ev("buy", 30), ev("cart", 40), ev("y", 45),
                ev("exit", 50), ev("buy", 60)), "a buy before the first or after the last step is fine");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void absenceCanBeLimitedToOnePage(Supplier<TriggerEngine> make) {
        TriggerEngine engine = make.get();
        engine.addTrigger(new Trigger("t", List.of(Step.of("A"), Step.of("B")), Trigger.NO_WINDOW,
                List.of(Step.on("C", "cart"))));
        assertEquals(List.of("t:0,2"), run(engine, ev("A", 0), ev("C", "home", 1), ev("B", 2)));
        assertEquals(List.of(), run(engine, ev("A", 3), ev("C", "cart", 4), ev("B", 5)));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void pageConstraintsSkipEventsOnOtherPages(Supplier<TriggerEngine> make) {
        TriggerEngine engine = make.get();
        engine.addTrigger(Trigger.sequence("onCart", Step.of("A"), Step.on("B", "cart")));
        engine.addTrigger(Trigger.sequence("anyPage", Step.of("A"), Step.of("B")));
        assertEquals(List.of("anyPage:0,1", "onCart:0,2"),
                run(engine, ev("A", 0), ev("B", "home", 1), ev("B", "cart", 2)));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aTriggerAddedLaterIgnoresEarlierEvents(Supplier<TriggerEngine> make) {
        TriggerEngine engine = make.get();
        engine.addTrigger(Trigger.sequence("abc", Step.of("A"), Step.of("B"), Step.of("C")));
        run(engine, ev("A", 0));
        engine.addTrigger(Trigger.sequence("ab", Step.of("A"), Step.of("B")));
        assertEquals(List.of(), run(engine, ev("B", 1)), "the A seen before 'ab' existed does not count for it");
        assertEquals(List.of("ab:2,3", "abc:0,1,4", "abc:2,3,4"), run(engine, ev("A", 2), ev("B", 3), ev("C", 4)));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aRemovedTriggerStopsFiringAndSiblingsGoOn(Supplier<TriggerEngine> make) {
        TriggerEngine engine = make.get();
        engine.addTrigger(Trigger.sequence("ab", Step.of("A"), Step.of("B")));
        engine.addTrigger(Trigger.sequence("abc", Step.of("A"), Step.of("B"), Step.of("C")));
        run(engine, ev("A", 0));
        assertTrue(engine.removeTrigger("ab"));
        assertFalse(engine.removeTrigger("ab"));
        assertEquals(List.of("abc:0,1,2"), run(engine, ev("B", 1), ev("C", 2)));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void singleStepTriggersFireOnEveryOccurrence(Supplier<TriggerEngine> make) {
        TriggerEngine engine = make.get();
        engine.addTrigger(Trigger.sequence("buy", Step.on("buy", "checkout")));
        assertEquals(List.of("buy:1", "buy:2"),
                run(engine, ev("buy", "home", 0), ev("buy", "checkout", 1), ev("buy", "checkout", 2)));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void decreasingTimestampsAreRefused(Supplier<TriggerEngine> make) {
        TriggerEngine engine = make.get();
        engine.onEvent(ev("A", 100));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> engine.onEvent(ev("A", 99)));
        assertTrue(e.getMessage().contains("must not decrease"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void duplicateIdsAreRefused(Supplier<TriggerEngine> make) {
        TriggerEngine engine = make.get();
        engine.addTrigger(Trigger.sequence("x", Step.of("A")));
        assertThrows(IllegalArgumentException.class, () -> engine.addTrigger(Trigger.sequence("x", Step.of("B"))));
    }

    @org.junit.jupiter.api.Test
    void badTriggersAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Trigger("t", List.of(Step.of("A"), Step.of("B")), 10, List.of(Step.of("A"))))
                .getMessage().contains("also one of its steps"));
        assertThrows(IllegalArgumentException.class, () -> new Trigger("t", List.of(), 10, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Trigger("t", List.of(Step.of("A")), 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Step(" ", null));
    }

    @org.junit.jupiter.api.Test
    void windowExpiryBoundsTheTriesMemory() {
        TrieTriggerEngine engine = new TrieTriggerEngine();
        engine.addTrigger(new Trigger("ab", List.of(Step.of("A"), Step.of("B")), 1_000, List.of()));
        long t = 0;
        int peak = 0;
        for (int i = 0; i < 100_000; i++) {
            engine.onEvent(ev("A", t += 10)); // 100 As per window, never a B
            peak = Math.max(peak, engine.livePartialMatches());
        }
        // a partial match lives at most one window (100 events) plus one sweep period (4096 events)
        assertTrue(peak <= 100 + 4096 + 1, "peak " + peak);
        assertEquals(0, engine.evictedPartialMatches(), "expiry alone kept it bounded");
    }

    @org.junit.jupiter.api.Test
    void theCapEvictsTheOldestPartialMatchesOfWindowlessTriggers() {
        TrieTriggerEngine engine = new TrieTriggerEngine(50);
        engine.addTrigger(Trigger.sequence("ab", Step.of("A"), Step.of("B")));
        for (int i = 0; i < 1000; i++) {
            engine.onEvent(ev("A", i));
            assertTrue(engine.livePartialMatches() <= 50);
        }
        assertEquals(950, engine.evictedPartialMatches());
        List<TriggerMatch> fired = engine.onEvent(ev("B", 2000));
        assertEquals(50, fired.size(), "the 50 newest starts survived");
        assertEquals(950, fired.get(0).firstSequence());
    }
}

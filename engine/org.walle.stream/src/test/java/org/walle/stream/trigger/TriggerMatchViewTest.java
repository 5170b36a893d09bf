package org.walle.stream.trigger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.walle.stream.event.EcommerceGenerator;
import org.walle.stream.event.Event;
import org.walle.stream.event.EventType;

/**
 * A fired match is a view over the engine's chain of matched events, not a copy: it must expose exactly the events
 * at its positions, stay unchanged while later events extend the same partial matches, and compare, hash and
 * print like a match built from plain lists.
 */
class TriggerMatchViewTest {
    static List<Supplier<TriggerEngine>> engines() {
        return List.of(TrieTriggerEngine::new, NaiveTriggerEngine::new);
    }

    private static Event ev(String id, long ts) {
        return new Event(EventType.CUSTOM, id, "home", ts);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void firedMatchesNameTheStreamsEventsAtTheirPositionsAndStayValidAfterLaterEvents(Supplier<TriggerEngine> make) {
        List<Event> events = new EcommerceGenerator(5).generate(60);
        TriggerEngine engine = make.get();
        new RandomTriggers(55).make(80).forEach(engine::addTrigger);
        List<TriggerMatch> all = new ArrayList<>();
        List<String> keysWhenFired = new ArrayList<>();
        List<List<Event>> eventsWhenFired = new ArrayList<>();
        for (Event e : events) {
            for (TriggerMatch m : engine.onEvent(e)) {
                all.add(m);
                keysWhenFired.add(m.key());
                // every other match is read at once, the rest only after the whole stream: both must agree
                eventsWhenFired.add(all.size() % 2 == 0 ? List.copyOf(m.events()) : null);
            }
        }
        assertTrue(all.size() > 100, "enough fires to mean something: " + all.size());
        for (int i = 0; i < all.size(); i++) {
            TriggerMatch m = all.get(i);
            assertEquals(keysWhenFired.get(i), m.key(), "positions unchanged by later events");
            long[] seq = m.sequence();
            assertEquals(seq.length, m.events().size());
            assertEquals(seq.length, m.size());
            for (int k = 0; k < seq.length; k++) {
                assertSame(events.get((int) seq[k]), m.events().get(k), m + " event " + k);
            }
            if (eventsWhenFired.get(i) != null) {
                assertEquals(eventsWhenFired.get(i), m.events());
            }
            assertEquals(seq[0], m.firstSequence());
            assertEquals(seq[seq.length - 1], m.lastSequence());
        }
    }

    @Test
    void aMatchSharingItsPrefixWithALaterMatchKeepsItsOwnEvents() {
        TrieTriggerEngine engine = new TrieTriggerEngine();
        engine.addTrigger(Trigger.sequence("ab", Step.of("A"), Step.of("B")));
        engine.addTrigger(Trigger.sequence("abc", Step.of("A"), Step.of("B"), Step.of("C")));
        engine.onEvent(ev("A", 0));
        TriggerMatch ab = engine.onEvent(ev("B", 1)).get(0);
        TriggerMatch abc = engine.onEvent(ev("C", 2)).get(0);
        assertEquals("ab:0,1", ab.key());
        assertEquals(List.of(ev("A", 0), ev("B", 1)), ab.events());
        assertEquals(List.of(ev("A", 0), ev("B", 1), ev("C", 2)), abc.events());
        assertThrows(UnsupportedOperationException.class, () -> ab.events().add(ev("D", 3)),
                "hostile caller: a match's event list is read-only");
        long[] seq = ab.sequence();
        seq[0] = 99;
        assertArrayEquals(new long[] {0, 1}, ab.sequence(), "sequence() hands out a copy");
    }

    @Test
    void chainMatchesEqualHashAndOrderLikeMatchesBuiltFromLists() {
        TrieTriggerEngine engine = new TrieTriggerEngine();
        engine.addTrigger(Trigger.sequence("ab", Step.of("A"), Step.of("B")));
        engine.onEvent(ev("A", 0));
        engine.onEvent(ev("A", 1));
        List<TriggerMatch> fired = engine.onEvent(ev("B", 2));
        TriggerMatch fromLists = new TriggerMatch("ab", List.of(ev("A", 1), ev("B", 2)), new long[] {1, 2});
        assertEquals(fromLists, fired.get(1));
        assertEquals(fired.get(1), fromLists);
        assertEquals(fromLists.hashCode(), fired.get(1).hashCode());
        assertNotEquals(fromLists, fired.get(0));
        assertEquals(0, fromLists.compareTo(fired.get(1)));
        assertTrue(fired.get(0).compareTo(fromLists) < 0);
        assertEquals("ab:1,2", fromLists.toString());
    }

    @Test
    void orderAndHashFollowThePositionArraysForRandomPositions() {
        Random random = new Random(7);
        Event e = ev("A", 0);
        for (int i = 0; i < 2000; i++) {
            long[] a = randomPositions(random);
            long[] b = random.nextInt(4) == 0 ? a.clone() : randomPositions(random);
            TriggerMatch ma = new TriggerMatch("t", events(e, a.length), a);
            TriggerMatch mb = new TriggerMatch("t", events(e, b.length), b);
            assertEquals(Integer.signum(Arrays.compare(a, b)), Integer.signum(ma.compareTo(mb)),
                    Arrays.toString(a) + " vs " + Arrays.toString(b));
            assertEquals(Arrays.equals(a, b), ma.equals(mb));
            assertEquals("t".hashCode() * 31 + Arrays.hashCode(a), ma.hashCode());
        }
    }

    @Test
    void badListsAreRefusedWithTheReason() {
        Event e = ev("A", 0);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new TriggerMatch("t", List.of(e), new long[] {1, 2})).getMessage().contains("differ"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new TriggerMatch("t", List.of(), new long[0])).getMessage().contains("at least one"));
        assertThrows(NullPointerException.class, () -> new TriggerMatch(null, List.of(e), new long[] {0}));
    }

    private static long[] randomPositions(Random random) {
        long[] p = new long[1 + random.nextInt(4)];
        for (int i = 0; i < p.length; i++) {
            p[i] = random.nextInt(3) == 0 ? Long.MAX_VALUE - random.nextInt(3) : random.nextInt(4);
        }
        return p;
    }

    private static List<Event> events(Event e, int n) {
        List<Event> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(e);
        }
        return list;
    }
}

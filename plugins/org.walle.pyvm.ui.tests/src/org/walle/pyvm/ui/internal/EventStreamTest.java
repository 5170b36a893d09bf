package org.walle.pyvm.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.walle.stream.event.Event;

class EventStreamTest {
    @Test
    void theMixKeepsOnlyTheNamedEventKinds() {
        List<Event> all = new EventStream.Generated(7, 5, Set.of()).events();
        List<Event> mixed = new EventStream.Generated(7, 5, Set.of("click_item", "add_to_cart")).events();
        assertFalse(mixed.isEmpty());
        assertTrue(mixed.size() < all.size());
        assertTrue(mixed.stream().allMatch(e -> e.eventId().equals("click_item") || e.eventId().equals("add_to_cart")));
        // same seed, same stream: the mix is the full stream filtered, in order
        assertEquals(all.stream().filter(e -> Set.of("click_item", "add_to_cart").contains(e.eventId())).toList(),
                mixed);
    }

    @Test
    void unknownEventKindsAndEmptyStreamsAreRefused() {
        // hostile settings: a typo'd event id, zero sessions
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EventStream.Generated(1, 3, Set.of("click_itme")));
        assertTrue(e.getMessage().contains("click_itme"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EventStream.Generated(1, 0, Set.of()));
    }

    @Test
    void runModesParseByName() {
        assertEquals(RunMode.STOP_ON_ERROR, RunMode.parse("STOP_ON_ERROR"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunMode.parse("fast"));
        assertTrue(e.getMessage().contains("fast"), e.getMessage());
    }
}

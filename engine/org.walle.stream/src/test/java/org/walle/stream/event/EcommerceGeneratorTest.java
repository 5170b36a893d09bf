package org.walle.stream.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class EcommerceGeneratorTest {
    @Test
    void sameSeedSameStreamOtherSeedOtherStream() {
        assertEquals(new EcommerceGenerator(42).generate(50), new EcommerceGenerator(42).generate(50));
        assertNotEquals(new EcommerceGenerator(42).generate(50), new EcommerceGenerator(43).generate(50));
    }

    @Test
    void streamLooksLikeShoppingSessions() {
        List<Event> events = new EcommerceGenerator(7).generate(300);
        Set<String> ids = events.stream().map(Event::eventId).collect(Collectors.toSet());
        assertTrue(ids.containsAll(List.of("page_enter", "page_exit", "item_exposure", "click_item", "add_to_cart",
                "purchase", "session_start", "session_end")), ids.toString());
        assertTrue(EcommerceGenerator.EVENT_IDS.containsAll(ids), ids.toString());
        assertEquals(300, events.stream().filter(e -> e.eventId().equals("session_start")).count());
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).timestamp() >= events.get(i - 1).timestamp(), "timestamps never decrease");
        }
        // each page visit is bracketed: enters and exits balance per page
        for (String page : EcommerceGenerator.PAGES) {
            long enters = events.stream().filter(e -> e.eventId().equals("page_enter") && e.pageId().equals(page))
                    .count();
            long exits = events.stream().filter(e -> e.eventId().equals("page_exit") && e.pageId().equals(page))
                    .count();
            assertEquals(enters, exits, page);
        }
        long purchases = events.stream().filter(e -> e.eventId().equals("purchase")).count();
        long carts = events.stream().filter(e -> e.eventId().equals("add_to_cart")).count();
        assertTrue(purchases > 0 && purchases < carts, purchases + " purchases, " + carts + " add-to-cart");
    }
}

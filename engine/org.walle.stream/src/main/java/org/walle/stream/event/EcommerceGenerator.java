package org.walle.stream.event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A seeded synthetic e-commerce user: sessions of page visits (home, search, category, item detail, cart,
 * checkout, payment success) with item exposures, scrolls, clicks, add-to-cart and purchases. The same seed always
 * gives the same stream, so tests, benchmarks and the device emulator can share recorded-looking input.
 * Timestamps are non-decreasing.
 */
public final class EcommerceGenerator {
    /** Pages the generator visits. */
    public static final List<String> PAGES =
            List.of("home", "search", "category", "item_detail", "cart", "checkout", "pay_success");
    /** Event ids the generator emits. */
    public static final List<String> EVENT_IDS = List.of("session_start", "session_end", "page_enter", "page_exit",
            "item_exposure", "scroll", "click_item", "search", "add_to_cart", "click_cart", "click_checkout",
            "purchase", "click_back", "favorite");

    private static final long DEFAULT_START = 1_700_000_000_000L;

    private final Random random;
    private long now;
    private int sessionNo;

    public EcommerceGenerator(long seed) {
        this(seed, DEFAULT_START);
    }

    public EcommerceGenerator(long seed, long startMillis) {
        this.random = new Random(seed);
        this.now = startMillis;
    }

    /** Generates {@code sessions} sessions into a list. */
    public List<Event> generate(int sessions) {
        List<Event> events = new ArrayList<>();
        generate(sessions, events::add);
        return events;
    }

    /** Streams {@code sessions} sessions to {@code sink}; returns the number of events emitted. */
    public long generate(int sessions, Consumer<Event> sink) {
        if (sessions < 0) {
            throw new IllegalArgumentException("sessions must be >= 0, got " + sessions);
        }
        long[] count = {0};
        Consumer<Event> counting = e -> {
            count[0]++;
            sink.accept(e);
        };
        for (int i = 0; i < sessions; i++) {
            session(counting);
        }
        return count[0];
    }

    private void session(Consumer<Event> sink) {
        String session = "s" + (++sessionNo);
        sink.accept(event(EventType.CUSTOM, "session_start", "app", Map.of("session", session)));
        String page = "home";
        int visits = 3 + random.nextInt(10);
        for (int v = 0; v < visits && page != null; v++) {
            page = visit(page, session, sink);
        }
        sink.accept(event(EventType.CUSTOM, "session_end", "app", Map.of("session", session)));
        now += 10 * 60_000L + random.nextInt(50 * 60_000); // the next session starts 10-60 minutes later
    }

    /** One page visit; returns the next page or null when the user leaves the app. */
    private String visit(String page, String session, Consumer<Event> sink) {
        sink.accept(event(EventType.PAGE_ENTER, "page_enter", page, Map.of("session", session)));
        String item = null;
        if (!page.equals("checkout") && !page.equals("pay_success")) {
            int exposures = 1 + random.nextInt(page.equals("item_detail") ? 3 : 8);
            for (int i = 0; i < exposures; i++) {
                item = "i" + random.nextInt(500);
                sink.accept(event(EventType.EXPOSURE, "item_exposure", page, Map.of("item", item, "pos", "" + i)));
                if (random.nextInt(4) == 0) {
                    sink.accept(event(EventType.SCROLL, "scroll", page, Map.of("depth", "" + random.nextInt(100))));
                }
            }
        }
        String next = nextPage(page, item, sink);
        sink.accept(event(EventType.PAGE_EXIT, "page_exit", page, Map.of("session", session)));
        return next;
    }

    private String nextPage(String page, String item, Consumer<Event> sink) {
        int roll = random.nextInt(100);
        switch (page) {
            case "home":
            case "category":
                if (roll < 55) {
                    return click("click_item", page, item, "item_detail", sink);
                }
                if (roll < 75) {
                    return click("search", page, null, "search", sink);
                }
                return roll < 90 ? click("click_item", page, null, "category", sink) : null;
            case "search":
                return roll < 70 ? click("click_item", page, item, "item_detail", sink)
                        : roll < 85 ? click("click_back", page, null, "home", sink) : null;
            case "item_detail":
                if (roll < 35) {
                    sink.accept(event(EventType.CLICK, "add_to_cart", page, Map.of("item", item)));
                    return random.nextInt(2) == 0 ? click("click_cart", page, null, "cart", sink)
                            : click("click_back", page, null, "home", sink);
                }
                if (roll < 45) {
                    sink.accept(event(EventType.CLICK, "favorite", page, Map.of("item", item)));
                }
                return roll < 80 ? click("click_back", page, null, "home", sink) : null;
            case "cart":
                return roll < 55 ? click("click_checkout", page, null, "checkout", sink)
                        : roll < 85 ? click("click_back", page, null, "home", sink) : null;
            case "checkout":
                if (roll < 70) {
                    sink.accept(event(EventType.CUSTOM, "purchase", page,
                            Map.of("amount", "" + (5 + random.nextInt(500)))));
                    return "pay_success";
                }
                return roll < 90 ? click("click_back", page, null, "cart", sink) : null;
            default: // pay_success
                return roll < 60 ? click("click_back", page, null, "home", sink) : null;
        }
    }

    private String click(String eventId, String page, String item, String target, Consumer<Event> sink) {
        Map<String, String> args = new LinkedHashMap<>();
        if (item != null) {
            args.put("item", item);
        }
        args.put("target", target);
        sink.accept(event(eventId.equals("search") ? EventType.CUSTOM : EventType.CLICK, eventId, page, args));
        return target;
    }

    private Event event(EventType type, String eventId, String page, Map<String, String> args) {
        now += 50 + random.nextInt(1500); // 50 ms .. 1.5 s between events
        return new Event(type, eventId, page, now, args);
    }
}

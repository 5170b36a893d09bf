package org.walle.stream.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EventJsonTest {
    @Test
    void roundTripsEveryField() {
        Event e = new Event(EventType.CLICK, "add_to_cart", "item_detail", 1234L, Map.of("item", "i7"));
        String json = EventJson.toJson(e);
        assertEquals("{\"type\":\"click\",\"event\":\"add_to_cart\",\"page\":\"item_detail\",\"ts\":1234,"
                + "\"args\":{\"item\":\"i7\"}}", json);
        assertEquals(e, EventJson.fromJson(json));
    }

    @Test
    void scalarArgsBecomeStrings() {
        Event e = EventJson.fromJson("{\"type\":\"scroll\",\"event\":\"scroll\",\"page\":\"home\",\"ts\":5,"
                + "\"args\":{\"depth\":40,\"fast\":true}}");
        assertEquals(Map.of("depth", "40", "fast", "true"), e.args());
    }

    /** Hostile input: each malformed line must be refused with a message naming the field. */
    @Test
    void malformedEventsAreRefusedWithTheFieldName() {
        assertMessage("{\"event\":\"x\",\"page\":\"p\",\"ts\":1}", "'type'");
        assertMessage("{\"type\":\"tap\",\"event\":\"x\",\"page\":\"p\",\"ts\":1}", "unknown event type 'tap'");
        assertMessage("{\"type\":\"click\",\"page\":\"p\",\"ts\":1}", "'event'");
        assertMessage("{\"type\":\"click\",\"event\":\"x\",\"page\":\"p\",\"ts\":\"soon\"}", "'ts'");
        assertMessage("{\"type\":\"click\",\"event\":\"x\",\"page\":\"p\",\"ts\":1.5}", "'ts'");
        assertMessage("{\"type\":\"click\",\"event\":\"x\",\"page\":\"p\",\"ts\":-1}", "timestamp");
        assertMessage("{\"type\":\"click\",\"event\":\"\",\"page\":\"p\",\"ts\":1}", "eventId");
        assertMessage("{\"type\":\"click\",\"event\":\"x\",\"page\":\"p\",\"ts\":1,\"args\":{\"a\":[1]}}", "args.a");
        assertMessage("[1,2]", "JSON object");
        assertMessage("{\"type\":", "not valid JSON");
    }

    private static void assertMessage(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventJson.fromJson(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void jsonLinesReportTheLineNumberOfABadLine() throws Exception {
        String text = EventJson.toJson(new Event(EventType.CLICK, "a", "p", 1)) + "\n\n{\"type\":\"click\"}\n";
        List<Event> read = new ArrayList<>();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventJsonLines.read(new BufferedReader(new StringReader(text)), "events.jsonl", read::add));
        assertTrue(e.getMessage().startsWith("events.jsonl:3: "), e.getMessage());
        assertEquals(1, read.size(), "the good line before the bad one was delivered");
    }

    @Test
    void jsonLinesRoundTripAGeneratedStream() throws Exception {
        List<Event> events = new EcommerceGenerator(3).generate(20);
        StringWriter out = new StringWriter();
        EventJsonLines.write(out, events);
        List<Event> back = new ArrayList<>();
        long n = EventJsonLines.read(new BufferedReader(new StringReader(out.toString())), "mem", back::add);
        assertEquals(events.size(), n);
        assertEquals(events, back);
    }
}

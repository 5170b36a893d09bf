package org.walle.stream.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TriggerJsonTest {
    @Test
    void parsesEveryStepFormWindowUnitsAndAbsence() {
        List<Trigger> triggers = TriggerJson.parse("{\"triggers\":["
                + "{\"id\":\"cart_abandon\",\"steps\":[\"add_to_cart\",{\"event\":\"page_exit\",\"page\":\"cart\"}],"
                + "\"within\":\"10m\",\"absent\":[\"purchase\"]},"
                + "{\"id\":\"browse\",\"steps\":[\"page_enter@home\",\"click_item\"],\"within\":1500},"
                + "{\"id\":\"buy\",\"steps\":[\"purchase\"]}]}");
        assertEquals(new Trigger("cart_abandon", List.of(Step.of("add_to_cart"), Step.on("page_exit", "cart")),
                600_000, List.of(Step.of("purchase"))), triggers.get(0));
        assertEquals(new Trigger("browse", List.of(Step.on("page_enter", "home"), Step.of("click_item")), 1500,
                List.of()), triggers.get(1));
        assertEquals(Trigger.sequence("buy", Step.of("purchase")), triggers.get(2));
        assertEquals(triggers, TriggerJson.parse(TriggerJson.write(triggers)), "write then parse is identity");
    }

    @Test
    void durations() {
        assertEquals(250, TriggerJson.parseDuration("250ms"));
        assertEquals(30_000, TriggerJson.parseDuration("30s"));
        assertEquals(7_200_000, TriggerJson.parseDuration("2h"));
        assertEquals(42, TriggerJson.parseDuration("42"));
    }

    /** Hostile files: each must be refused with a message that points at the problem. */
    @Test
    void badFilesNameTheProblem() {
        assertMessage("[]", "\"triggers\" array");
        assertMessage("{\"triggers\":[{\"steps\":[\"a\"]}]}", "triggers[0]: field 'id'");
        assertMessage("{\"triggers\":[{\"id\":\"x\",\"steps\":[]}]}", "'steps'");
        assertMessage("{\"triggers\":[{\"id\":\"x\",\"steps\":[1]}]}", "a step must be");
        assertMessage("{\"triggers\":[{\"id\":\"x\",\"steps\":[\"a\"],\"within\":\"soon\"}]}", "bad duration");
        assertMessage("{\"triggers\":[{\"id\":\"x\",\"steps\":[\"a\"],\"within\":-5}]}", "window must be > 0");
        assertMessage("{\"triggers\":[{\"id\":\"x\",\"steps\":[\"a\"]},{\"id\":\"x\",\"steps\":[\"b\"]}]}",
                "triggers[1]: duplicate trigger id 'x'");
        assertMessage("{\"triggers\":[{\"id\":\"x\",\"steps\":[\"a\",\"b\"],\"absent\":\"c\"}]}", "'absent'");
        assertMessage("{\"triggers\":", "not valid JSON");
    }

    private static void assertMessage(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TriggerJson.parse(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

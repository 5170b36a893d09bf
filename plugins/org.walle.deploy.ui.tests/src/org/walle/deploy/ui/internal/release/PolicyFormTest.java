package org.walle.deploy.ui.internal.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The wizard's targeting fields to policy JSON. Hostile input: percentages out of range or not numbers, an OS version
 * without an OS, a malformed version range, a list of only commas.
 */
class PolicyFormTest {
    private static PolicyForm form(boolean all, String app, String os, String osVersion, String region,
            String percent) {
        return new PolicyForm(all, app, os, osVersion, "", "", region, "", percent);
    }

    @Test
    void emptyFieldsMatchEveryDevice() {
        assertEquals("{\"all\":[]}", form(true, "", "", "", "", "").toRule().toString());
        assertEquals("{\"all\":[]}", form(false, "", "", "", "", "").toRule().toString(),
                "an empty any would match nobody, so no conditions means all");
    }

    @Test
    void filledFieldsBecomeOneConditionEach() {
        assertEquals("{\"any\":[{\"appVersion\":\">=2.0 <3\"},{\"os\":\"android\",\"osVersion\":\">=12\"},"
                + "{\"region\":[\"eu\",\"us\"]},{\"percent\":20.0}]}",
                form(false, " >=2.0 <3 ", "android", ">=12", "eu, us,", "20").toRule().toString());
    }

    @Test
    void badInputNamesTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> form(true, "", "", "", "", "150").toRule())
                .getMessage().contains("percentage"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> form(true, "", "", "", "", "ten").toRule())
                .getMessage().contains("number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> form(true, "", "", ">=12", "", "").toRule())
                .getMessage().contains("OS"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> form(true, "", "", "", " , ,", "").toRule())
                .getMessage().contains("region"));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> form(true, ">>2", "", "", "", "").toRule());
        assertTrue(range.getMessage().contains("$.all[0]"), "the server's parser names the JSON path: "
                + range.getMessage());
    }
}

package org.walle.deploy.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.walle.deploy.model.DeviceAttributes;

import com.fasterxml.jackson.databind.ObjectMapper;

class PolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeviceAttributes PIXEL = new DeviceAttributes("2.3.1", "android", "13", "pixel-7", "high", "eu",
            "beta", false);

    private static Policy parse(String json) throws Exception {
        return PolicyParser.parse(JSON.readTree(json));
    }

    private static boolean matches(String json, String id, DeviceAttributes d) throws Exception {
        return parse(json).matches(id, d, "7");
    }

    @Test
    void eachAttributeMatchesAndMisses() throws Exception {
        assertTrue(matches("{\"appVersion\": \">=2.0 <3\"}", "d", PIXEL));
        assertFalse(matches("{\"appVersion\": \">=2.4\"}", "d", PIXEL));
        assertTrue(matches("{\"os\": \"Android\", \"osVersion\": \">=12\"}", "d", PIXEL));
        assertFalse(matches("{\"os\": \"android\", \"osVersion\": \"<13\"}", "d", PIXEL));
        assertFalse(matches("{\"os\": \"ios\"}", "d", PIXEL));
        assertTrue(matches("{\"model\": [\"pixel-7\", \"pixel-8\"]}", "d", PIXEL));
        assertFalse(matches("{\"tier\": \"low\"}", "d", PIXEL));
        assertTrue(matches("{\"region\": [\"eu\"]}", "d", PIXEL));
        assertTrue(matches("{\"userGroup\": \"beta\"}", "d", PIXEL));
        assertTrue(matches("{\"deviceIds\": [\"d\", \"e\"]}", "d", PIXEL));
        assertFalse(matches("{\"deviceIds\": [\"e\"]}", "d", PIXEL));
    }

    @Test
    void combinationsAndMissingAttributes() throws Exception {
        String rule = "{\"all\": [{\"region\": \"eu\"}, {\"any\": [{\"tier\": \"low\"}, {\"model\": \"pixel-7\"}]},"
                + " {\"not\": {\"deviceIds\": [\"blocked\"]}}]}";
        assertTrue(matches(rule, "d", PIXEL));
        assertFalse(matches(rule, "blocked", PIXEL));
        DeviceAttributes bare = new DeviceAttributes(null, null, null, null, null, null, null, false);
        assertFalse(matches("{\"appVersion\": \">=0\"}", "d", bare), "a device without the attribute never matches");
        assertTrue(matches("{\"all\": []}", "d", bare), "an empty all matches everyone");
        assertFalse(matches("{\"any\": []}", "d", bare));
    }

    @Test
    void versionsCompareNumericallyBySegment() {
        assertTrue(VersionRange.compare("1.10", "1.9") > 0);
        assertEquals(0, VersionRange.compare("1.2", "1.2.0"));
        assertTrue(VersionRange.parse("=1.2").contains("1.2.0"));
        assertTrue(VersionRange.parse("1.2.3").contains("1.2.3"));
        assertTrue(VersionRange.compare("2.0-rc1", "2.0-rc2") < 0);
    }

    @Test
    void percentageIsStableMonotoneAndRoughlyRight() throws Exception {
        int in1 = 0;
        int in5 = 0;
        int in20 = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            String id = "dev-" + i;
            boolean a = StableBucket.inPercent(id, "42", 1);
            boolean b = StableBucket.inPercent(id, "42", 5);
            boolean c = StableBucket.inPercent(id, "42", 20);
            // widening never drops a device that was in
            assertTrue(!a || b, id);
            assertTrue(!b || c, id);
            assertEquals(StableBucket.bucket(id, "42"), StableBucket.bucket(id, "42"));
            in1 += a ? 1 : 0;
            in5 += b ? 1 : 0;
            in20 += c ? 1 : 0;
        }
        assertEquals(0.01, in1 / (double) n, 0.004);
        assertEquals(0.05, in5 / (double) n, 0.008);
        assertEquals(0.20, in20 / (double) n, 0.015);
        // a different release salts a different slice
        int same = 0;
        for (int i = 0; i < 2000; i++) {
            same += StableBucket.inPercent("dev-" + i, "42", 20) == StableBucket.inPercent("dev-" + i, "43", 20) ? 1 : 0;
        }
        assertTrue(same < 1900, "salts must decorrelate slices, agreement was " + same);
        assertEquals(matches("{\"percent\": 20}", "dev-5", PIXEL), StableBucket.inPercent("dev-5", "7", 20));
    }

    /** Hostile and sloppy rules: each error names the JSON path of the bad node. */
    @Test
    void invalidRulesNameThePath() {
        String[][] cases = {
            {"{\"region\": []}", "$.region"},
            {"{\"percent\": 0}", "$.percent"},
            {"{\"percent\": 150}", "$.percent"},
            {"{\"percent\": \"ten\"}", "$.percent"},
            {"{\"all\": [{\"region\": \"eu\"}, {\"colour\": \"red\"}]}", "$.all[1].colour"},
            {"{\"region\": \"eu\", \"tier\": \"low\"}", "$"},
            {"{\"appVersion\": \">=1..2\"}", "$.appVersion"},
            {"{\"osVersion\": \">=12\"}", "$.osVersion"},
            {"{\"os\": \"android\", \"model\": \"x\"}", "$.model"},
            {"{\"any\": {\"region\": \"eu\"}}", "$.any"},
            {"[]", "$"},
            {"{\"model\": [\"ok\", 5]}", "$.model[1]"},
        };
        for (String[] c : cases) {
            PolicyException e = assertThrows(PolicyException.class, () -> parse(c[0]), c[0]);
            assertEquals(c[1], e.path(), c[0] + " -> " + e.getMessage());
        }
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            deep.append("{\"not\":");
        }
        deep.append("{\"region\":\"eu\"}");
        deep.append("}".repeat(40));
        assertThrows(PolicyException.class, () -> parse(deep.toString()), "nesting bomb");
    }
}

package org.walle.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceProfileTest {
    @TempDir
    Path dir;

    @Test
    void builtInProfilesCoverTheThreeTiers() {
        List<DeviceProfile> p = DeviceProfiles.builtIn();
        assertEquals(List.of("low", "mid", "high"), p.stream().map(DeviceProfile::tier).toList());
        assertTrue(p.get(0).speedFactor() < p.get(1).speedFactor() && p.get(1).speedFactor() < p.get(2).speedFactor());
        assertTrue(p.get(0).attributes().emulated());
        assertEquals(4_000_000, p.get(1).deviceNanos(1_600_000), "mid runs at 0.4x the host");
    }

    @Test
    void customProfileRoundTripsThroughJson() throws Exception {
        DeviceProfile p = new DeviceProfile("tab", "tab-s9", "android", "14", "3.0.1", "high", "eu", "beta",
                List.of("reference", "opencl"), 0.7);
        Path f = dir.resolve("tab.json");
        Files.writeString(f, DeviceProfiles.toJson(p));
        assertEquals(p, DeviceProfiles.read(f));
        assertEquals(p, DeviceProfiles.resolve("tab.json", dir));
        assertEquals("mid", DeviceProfiles.resolve("mid", dir).name());
    }

    @Test
    void nameDefaultsToTheFileName() throws Exception {
        Path f = dir.resolve("pixel-eu.json");
        Files.writeString(f, "{\"model\":\"pixel-7\",\"os\":\"android\",\"osVersion\":\"14\",\"appVersion\":\"2.4\","
                + "\"tier\":\"high\",\"region\":\"eu\",\"userGroup\":\"public\",\"backends\":[\"simd\"],"
                + "\"speedFactor\":1}");
        assertEquals("pixel-eu", DeviceProfiles.read(f).name());
    }

    /** Hostile input: every field wrong at once; each problem is reported, naming its field. */
    @Test
    void everyBadFieldIsNamed() {
        ProfileException e = assertThrows(ProfileException.class, () -> DeviceProfiles.parse(
                "{\"name\":\"x\",\"model\":\"\",\"os\":7,\"osVersion\":\"fourteen\",\"appVersion\":\"1.2.3.4.5\","
                        + "\"tier\":\"ultra\",\"region\":\"e u\",\"backends\":[\"cuda\",\"simd\",\"simd\"],"
                        + "\"speedFactor\":0,\"colour\":\"red\"}", "test", "x"));
        String all = String.join("\n", e.problems());
        for (String field : List.of("model", "os must be a string", "osVersion", "appVersion", "tier", "region",
                "userGroup is required", "unknown backend 'cuda'", "twice", "speedFactor", "unknown field 'colour'")) {
            assertTrue(all.contains(field), field + " missing from:\n" + all);
        }
        assertEquals(1, e.problems().stream().filter(p -> p.startsWith("os ")).count(), all);
    }

    /** Hostile input: not JSON, not an object, a string where a number belongs, a missing file. */
    @Test
    void brokenFilesGiveClearErrors() throws Exception {
        assertTrue(assertThrows(ProfileException.class, () -> DeviceProfiles.parse("{oops", "f", "f")).getMessage()
                .contains("not valid JSON"));
        assertTrue(assertThrows(ProfileException.class, () -> DeviceProfiles.parse("[1]", "f", "f")).getMessage()
                .contains("expected a JSON object"));
        assertTrue(assertThrows(ProfileException.class, () -> DeviceProfiles.parse(DeviceProfiles.toJson(
                DeviceProfiles.builtIn().get(0)).replace("0.15", "\"fast\""), "f", "f")).getMessage()
                .contains("speedFactor must be a number"));
        assertTrue(assertThrows(ProfileException.class, () -> DeviceProfiles.resolve("nope.json", dir)).getMessage()
                .contains("neither a built-in profile"));
    }

    @Test
    void mixGivesExactInterleavedCounts() {
        List<DeviceProfile> b = DeviceProfiles.builtIn();
        ProfileMix mix = new ProfileMix(List.of(new ProfileMix.Entry(b.get(0), 1), new ProfileMix.Entry(b.get(1), 2),
                new ProfileMix.Entry(b.get(2), 7)));
        List<DeviceProfile> a = mix.assign(1001);
        Map<String, Long> n = a.stream().collect(Collectors.groupingBy(DeviceProfile::name, Collectors.counting()));
        assertEquals(1001, a.size());
        assertEquals(100, n.get("low"), n.toString());
        assertEquals(200, n.get("mid"), n.toString());
        assertEquals(701, n.get("high"), n.toString());
        // interleaved: the first tenth of the fleet already holds about a tenth of each profile
        Map<String, Long> head = a.subList(0, 100).stream().collect(Collectors.groupingBy(DeviceProfile::name,
                Collectors.counting()));
        assertTrue(Math.abs(head.get("mid") - 20) <= 1 && Math.abs(head.get("low") - 10) <= 1, head.toString());
    }

    @Test
    void mixFileAcceptsBuiltInsFilesAndInlineProfiles() throws Exception {
        Files.writeString(dir.resolve("tab.json"), DeviceProfiles.toJson(DeviceProfiles.builtIn().get(2)
                .withName("tab")));
        Path mix = dir.resolve("mix.json");
        Files.writeString(mix, "{\"mix\":[{\"profile\":\"low\",\"weight\":1},{\"profile\":\"tab.json\",\"weight\":1},"
                + "{\"profile\":" + DeviceProfiles.toJson(DeviceProfiles.builtIn().get(1).withName("inline"))
                + ",\"weight\":2}]}");
        Map<String, Long> n = ProfileMix.read(mix).assign(8).stream()
                .collect(Collectors.groupingBy(DeviceProfile::name, Collectors.counting()));
        assertEquals(Map.of("low", 2L, "tab", 2L, "inline", 4L), n);
    }

    /** Hostile input: zero and negative weights, an unknown profile, an unknown key, an empty mix. */
    @Test
    void badMixEntriesAreAllReported() throws Exception {
        Path mix = dir.resolve("mix.json");
        Files.writeString(mix, "{\"mix\":[{\"profile\":\"low\",\"weight\":0},{\"profile\":\"ghost\",\"weight\":1},"
                + "{\"profile\":\"mid\",\"weight\":1,\"extra\":1},{\"profile\":\"high\",\"weight\":-2}]}");
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileMix.read(mix));
        Function<String, Boolean> has = s -> e.problems().stream().anyMatch(p -> p.contains(s));
        assertTrue(has.apply("mix[0]: weight of profile 'low' must be > 0"), e.problems().toString());
        assertTrue(has.apply("mix[1]"), e.problems().toString());
        assertTrue(has.apply("mix[2]: unknown field 'extra'"), e.problems().toString());
        assertTrue(has.apply("mix[3]"), e.problems().toString());
        Files.writeString(mix, "{\"mix\":[]}");
        assertThrows(ProfileException.class, () -> ProfileMix.read(mix));
    }
}

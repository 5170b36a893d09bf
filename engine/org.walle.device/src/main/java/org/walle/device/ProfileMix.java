package org.walle.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a fleet is made of profiles, by weight:
 * <pre>
 * {"mix": [{"profile": "low", "weight": 30},
 *          {"profile": "phones/pixel-eu.json", "weight": 50},
 *          {"profile": {"name": "tablet", "model": "tab-s9", ...}, "weight": 20}]}
 * </pre>
 * {@code profile} is a built-in name, a JSON file (relative to the mix file) or an inline profile object. Device
 * counts are exact (largest remainder), and devices of one profile are spread evenly over the fleet, so any
 * contiguous slice of the fleet has about the same mix.
 */
public final class ProfileMix {
    private static final Set<String> ENTRY_FIELDS = Set.of("profile", "weight");

    /** One profile and its weight (> 0). */
    public record Entry(DeviceProfile profile, double weight) {
        public Entry {
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight of profile '" + profile.name() + "' must be > 0, got "
                        + weight);
            }
        }
    }

    private final List<Entry> entries;

    public ProfileMix(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a profile mix needs at least one profile");
        }
        this.entries = List.copyOf(entries);
    }

    /** Equal parts of the three built-in profiles. */
    public static ProfileMix builtIn() {
        return new ProfileMix(DeviceProfiles.builtIn().stream().map(p -> new Entry(p, 1)).toList());
    }

    public static ProfileMix of(DeviceProfile single) {
        return new ProfileMix(List.of(new Entry(single, 1)));
    }

    public List<Entry> entries() {
        return entries;
    }

    public static ProfileMix read(Path file) throws IOException {
        JsonNode root;
        try {
            root = DeviceProfiles.MAPPER.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ProfileException(file.toString(), List.of("not valid JSON: " + e.getOriginalMessage()));
        }
        if (root == null || !root.path("mix").isArray() || root.get("mix").isEmpty()) {
            throw new ProfileException(file.toString(), List.of("expected {\"mix\": [{\"profile\": ..., \"weight\": "
                    + "...}, ...]} with at least one entry"));
        }
        Path base = file.toAbsolutePath().getParent();
        List<Entry> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int i = 0;
        for (JsonNode e : root.get("mix")) {
            String where = "mix[" + i++ + "]";
            try {
                out.add(entry(e, where, base, file));
            } catch (ProfileException x) {
                x.problems().forEach(p -> problems.add(where + ": " + p));
            } catch (IllegalArgumentException x) {
                problems.add(where + ": " + x.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ProfileException(file.toString(), problems);
        }
        return new ProfileMix(out);
    }

    private static Entry entry(JsonNode e, String where, Path base, Path file) throws IOException {
        if (!e.isObject()) {
            throw new IllegalArgumentException("must be an object {\"profile\": ..., \"weight\": ...}");
        }
        e.fieldNames().forEachRemaining(f -> {
            if (!ENTRY_FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field '" + f + "' (known: profile, weight)");
            }
        });
        JsonNode w = e.get("weight");
        if (w == null || !w.isNumber()) {
            throw new IllegalArgumentException("weight must be a number > 0, got " + w);
        }
        JsonNode p = e.get("profile");
        DeviceProfile profile;
        if (p == null) {
            throw new IllegalArgumentException("profile is required (a built-in name, a JSON file or an object)");
        } else if (p.isTextual()) {
            profile = DeviceProfiles.resolve(p.asText(), base);
        } else {
            profile = DeviceProfiles.fromJson(p, file + " " + where, "profile" + where);
        }
        return new Entry(profile, w.asDouble());
    }

    /**
     * The profile of each of {@code n} devices: exact counts by largest remainder, interleaved (device i gets the
     * profile whose quota is most behind after i devices).
     */
    public List<DeviceProfile> assign(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("device count must be >= 0, got " + n);
        }
        double total = entries.stream().mapToDouble(Entry::weight).sum();
        int k = entries.size();
        int[] count = new int[k];
        double[] rem = new double[k];
        int given = 0;
        for (int j = 0; j < k; j++) {
            double exact = n * entries.get(j).weight() / total;
            count[j] = (int) Math.floor(exact);
            rem[j] = exact - count[j];
            given += count[j];
        }
        Integer[] order = new Integer[k];
        Arrays.setAll(order, j -> j);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -rem[j]).thenComparingInt(j -> j));
        for (int j = 0; given < n; j = (j + 1) % k) {
            count[order[j]]++;
            given++;
        }
        List<DeviceProfile> out = new ArrayList<>(n);
        int[] used = new int[k];
        for (int i = 0; i < n; i++) {
            int best = -1;
            double bestLag = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double lag = (i + 1.0) * count[j] / Math.max(1, n) - used[j];
                if (used[j] < count[j] && lag > bestLag) {
                    best = j;
                    bestLag = lag;
                }
            }
            used[best]++;
            out.add(entries.get(best).profile());
        }
        return out;
    }
}

package org.walle.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.walle.deploy.model.DeviceAttributes;

/**
 * What an emulated device is: the attributes the deployment server targets (model, OS and version, app version,
 * performance tier, region, user group), the compute backends it offers tasks, and how fast it is relative to the
 * host ({@code speedFactor} 0.25 = four times slower: the emulator reports host time / speedFactor as the device's
 * latency). Immutable; {@link DeviceProfiles} has the built-in ones and reads JSON files.
 */
public record DeviceProfile(String name, String model, String os, String osVersion, String appVersion, String tier,
        String region, String userGroup, List<String> backends, double speedFactor) {

    /** Performance tiers the server's policies know. */
    public static final Set<String> TIERS = Set.of("low", "mid", "high");
    /** Compute backends a task may ask for (engine backend names). */
    public static final Set<String> BACKENDS = Set.of("reference", "simd", "opencl");

    public DeviceProfile {
        List<String> problems = problems(name, model, os, osVersion, appVersion, tier, region, userGroup, backends,
                speedFactor);
        if (!problems.isEmpty()) {
            throw new ProfileException(name == null || name.isBlank() ? "(unnamed)" : "'" + name + "'", problems);
        }
        backends = List.copyOf(backends);
    }

    /** Every problem with these values, one message each naming the field (empty when valid). */
    static List<String> problems(String name, String model, String os, String osVersion, String appVersion,
            String tier, String region, String userGroup, List<String> backends, double speedFactor) {
        List<String> p = new ArrayList<>();
        text(p, "name", name);
        text(p, "model", model);
        text(p, "os", os);
        version(p, "osVersion", osVersion);
        version(p, "appVersion", appVersion);
        if (tier == null || !TIERS.contains(tier)) {
            p.add("tier must be one of low, mid, high, got " + quote(tier));
        }
        text(p, "region", region);
        text(p, "userGroup", userGroup);
        if (backends == null || backends.isEmpty()) {
            p.add("backends must list at least one of " + new java.util.TreeSet<>(BACKENDS));
        } else {
            for (String b : backends) {
                if (b == null || !BACKENDS.contains(b)) {
                    p.add("backends: unknown backend " + quote(b) + " (known: " + new java.util.TreeSet<>(BACKENDS)
                            + ")");
                }
            }
            if (backends.stream().distinct().count() != backends.size()) {
                p.add("backends lists a backend twice: " + backends);
            }
        }
        if (!(speedFactor > 0 && speedFactor <= 100)) {
            p.add("speedFactor must be > 0 and <= 100 (1 = as fast as this machine), got " + speedFactor);
        }
        return p;
    }

    private static void text(List<String> p, String field, String v) {
        if (v == null || v.isBlank()) {
            p.add(field + " is required (a non-empty string)");
        } else if (v.length() > 64) {
            p.add(field + " is longer than 64 characters");
        } else if (!v.chars().allMatch(c -> c > 32 && c < 127)) {
            p.add(field + " must be printable ASCII without spaces, got " + quote(v));
        }
    }

    /** Versions must be dotted numbers so the server's version ranges ({@code >=1.2 <2}) can compare them. */
    private static void version(List<String> p, String field, String v) {
        if (v == null || !v.matches("\\d{1,9}(\\.\\d{1,9}){0,3}")) {
            p.add(field + " must be a dotted number such as 13 or 2.4.1, got " + quote(v));
        }
    }

    private static String quote(String s) {
        return s == null ? "nothing" : "'" + s + "'";
    }

    /** The attributes sent at registration; emulated devices take part in a rollout's simulation stage. */
    public DeviceAttributes attributes() {
        return new DeviceAttributes(appVersion, os, osVersion, model, tier, region, userGroup, true);
    }

    /** The emulated device time of work that took {@code hostNanos} on this machine. */
    public long deviceNanos(long hostNanos) {
        return (long) (hostNanos / speedFactor);
    }

    public DeviceProfile withName(String newName) {
        return new DeviceProfile(newName, model, os, osVersion, appVersion, tier, region, userGroup, backends,
                speedFactor);
    }

    public DeviceProfile withRegion(String r) {
        return new DeviceProfile(name, model, os, osVersion, appVersion, tier, r, userGroup, backends, speedFactor);
    }

    public DeviceProfile withUserGroup(String g) {
        return new DeviceProfile(name, model, os, osVersion, appVersion, tier, region, g, backends, speedFactor);
    }

    public DeviceProfile withAppVersion(String v) {
        return new DeviceProfile(name, model, os, osVersion, v, tier, region, userGroup, backends, speedFactor);
    }
}

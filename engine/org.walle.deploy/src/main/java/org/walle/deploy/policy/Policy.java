package org.walle.deploy.policy;

import java.util.List;
import java.util.Set;

import org.walle.deploy.model.DeviceAttributes;

/**
 * A targeting rule over device attributes. Leaves test one attribute; {@link All}/{@link Any}/{@link Not} combine.
 * {@link Percent} picks a stable slice of devices by hashing the device id with a salt (the release id), so the
 * same device stays in (or out) across evaluations and widening a percentage only adds devices.
 */
public sealed interface Policy {

    boolean matches(String deviceId, DeviceAttributes device, String salt);

    record All(List<Policy> parts) implements Policy {
        @Override
        public boolean matches(String id, DeviceAttributes d, String salt) {
            return parts.stream().allMatch(p -> p.matches(id, d, salt));
        }
    }

    record Any(List<Policy> parts) implements Policy {
        @Override
        public boolean matches(String id, DeviceAttributes d, String salt) {
            return parts.stream().anyMatch(p -> p.matches(id, d, salt));
        }
    }

    record Not(Policy inner) implements Policy {
        @Override
        public boolean matches(String id, DeviceAttributes d, String salt) {
            return !inner.matches(id, d, salt);
        }
    }

    record AppVersion(VersionRange range) implements Policy {
        @Override
        public boolean matches(String id, DeviceAttributes d, String salt) {
            return d.appVersion() != null && range.contains(d.appVersion());
        }
    }

    /** {@code range} may be null: any version of that OS. */
    record Os(String name, VersionRange range) implements Policy {
        @Override
        public boolean matches(String id, DeviceAttributes d, String salt) {
            return name.equalsIgnoreCase(d.os()) && (range == null || d.osVersion() != null && range.contains(d.osVersion()));
        }
    }

    /** Attribute in a set: model, tier, region or userGroup. */
    record OneOf(Attribute attribute, Set<String> values) implements Policy {
        @Override
        public boolean matches(String id, DeviceAttributes d, String salt) {
            String v = attribute.of(d);
            return v != null && values.contains(v);
        }
    }

    record DeviceIds(Set<String> ids) implements Policy {
        @Override
        public boolean matches(String id, DeviceAttributes d, String salt) {
            return ids.contains(id);
        }
    }

    /** {@code percent} in (0, 100]; two decimals of resolution. */
    record Percent(double percent) implements Policy {
        @Override
        public boolean matches(String id, DeviceAttributes d, String salt) {
            return StableBucket.inPercent(id, salt, percent);
        }
    }

    /** Set-valued device attributes a policy can test. */
    enum Attribute {
        MODEL("model"), TIER("tier"), REGION("region"), USER_GROUP("userGroup");

        final String key;

        Attribute(String key) {
            this.key = key;
        }

        String of(DeviceAttributes d) {
            switch (this) {
                case MODEL: return d.model();
                case TIER: return d.tier();
                case REGION: return d.region();
                default: return d.userGroup();
            }
        }
    }
}

package org.walle.deploy.model;

import java.util.Locale;

/** Who holds a token. Operators use admin, release-manager or viewer; devices use device (Eclipse hawkBit split). */
public enum Role {
    ADMIN, RELEASE_MANAGER, VIEWER, DEVICE;

    /** Wire name, e.g. {@code release-manager}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses a wire name; throws {@link IllegalArgumentException} naming the accepted values. */
    public static Role parse(String s) {
        for (Role r : values()) {
            if (r.wireName().equals(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + s + "', expected admin, release-manager, viewer or device");
    }
}

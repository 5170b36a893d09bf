package org.walle.deploy.internal.service;

import java.util.regex.Pattern;

/** Input checks shared by the services; each failure names the field and what is accepted. */
public final class Validate {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,63}");
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private Validate() {
    }

    public static String slug(String field, String v) {
        if (v == null || !SLUG.matcher(v).matches()) {
            throw ApiException.badRequest(field + " must match [a-z0-9][a-z0-9._-]{0,63}, got " + quote(v));
        }
        return v;
    }

    public static String version(String field, String v) {
        if (v == null || !VERSION.matcher(v).matches() || v.contains("..") || v.endsWith(".lock")) {
            throw ApiException.badRequest(field + " must match [0-9A-Za-z][0-9A-Za-z._-]{0,63} (no '..'), got " + quote(v));
        }
        return v;
    }

    public static String deviceId(String field, String v) {
        if (v == null || !DEVICE_ID.matcher(v).matches()) {
            throw ApiException.badRequest(field + " must match [A-Za-z0-9][A-Za-z0-9._:-]{0,63}, got " + quote(v));
        }
        return v;
    }

    public static String text(String field, String v, int max) {
        if (v == null || v.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        if (v.length() > max) {
            throw ApiException.badRequest(field + " is longer than " + max + " characters");
        }
        return v;
    }

    public static String optionalText(String field, String v, int max) {
        if (v != null && v.length() > max) {
            throw ApiException.badRequest(field + " is longer than " + max + " characters");
        }
        return v;
    }

    private static String quote(String v) {
        return v == null ? "nothing" : "'" + (v.length() > 80 ? v.substring(0, 80) + "..." : v) + "'";
    }
}

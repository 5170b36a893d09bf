package org.walle.deploy.internal.http;

/** {@code ?offset=&limit=} for every listing: offset >= 0, 1 <= limit <= 500, default 50. */
final class Paging {
    static final int MAX_LIMIT = 500;

    private Paging() {
    }

    static int offset(Exchange x) {
        return x.queryInt("offset", 0, 0, Integer.MAX_VALUE);
    }

    static int limit(Exchange x) {
        return x.queryInt("limit", 50, 1, MAX_LIMIT);
    }
}

package org.walle.deploy.internal.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

import org.walle.deploy.internal.store.Stores;
import org.walle.deploy.internal.store.TokenStore.Principal;
import org.walle.deploy.model.Role;

/**
 * Bearer tokens: random 256-bit secrets handed out once, stored as SHA-256. Authorization happens here, at the
 * service boundary: every resource states the roles it accepts and {@link #require} enforces them.
 */
public final class AuthService {
    public static final Set<Role> OPERATORS = EnumSet.of(Role.ADMIN, Role.RELEASE_MANAGER, Role.VIEWER);
    public static final Set<Role> WRITERS = EnumSet.of(Role.ADMIN, Role.RELEASE_MANAGER);
    public static final Set<Role> ADMIN = EnumSet.of(Role.ADMIN);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Resolved tokens, so a device's every request does not hit the database; revocation clears it. */
    private static final long CACHE_MILLIS = 30_000;
    private final java.util.Map<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();
    private final Stores stores;

    private record Cached(Principal principal, long until) {
    }

    public AuthService(Stores stores) {
        this.stores = stores;
    }

    /** Issues a token; only its hash is kept. {@code deviceId} binds a device token to one device. */
    public String issue(Role role, String subject, String deviceId, String actor) {
        return register(newToken(), role, subject, deviceId, actor);
    }

    /** Records a token generated elsewhere (the bootstrap admin token). */
    public String register(String token, Role role, String subject, String deviceId, String actor) {
        stores.db().inTransaction(c -> {
            insert(c, token, role, subject, deviceId, actor);
            return null;
        });
        return token;
    }

    /** Records a token inside the caller's transaction (device registration commits it with the device row). */
    void insert(java.sql.Connection c, String token, Role role, String subject, String deviceId, String actor)
            throws java.sql.SQLException {
        long now = System.currentTimeMillis();
        stores.tokens().insert(c, hash(token), new Principal(role, subject, deviceId), now);
        stores.audit().append(c, actor, "token.issue", "token:" + subject, "role=" + role.wireName()
                + (deviceId == null ? "" : " device=" + deviceId), now);
    }

    /** Revokes a device's tokens inside the caller's transaction and forgets them here. */
    void revokeDevice(java.sql.Connection c, String deviceId) throws java.sql.SQLException {
        stores.tokens().deleteDeviceTokens(c, deviceId);
        cache.values().removeIf(x -> deviceId.equals(x.principal().deviceId()));
    }

    public boolean hasAnyToken() {
        return stores.db().inTransaction(c -> stores.tokens().count(c) > 0);
    }

    /** Resolves an {@code Authorization} header value. */
    public Principal authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unauthorized("missing Authorization: Bearer <token> header");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("Authorization header must use the Bearer scheme");
        }
        String h = hash(authorization.substring(7).trim());
        long now = System.currentTimeMillis();
        Cached hit = cache.get(h);
        if (hit != null && hit.until() > now) {
            return hit.principal();
        }
        Principal p = stores.db().inTransaction(c -> stores.tokens().find(c, h))
                .orElseThrow(() -> ApiException.unauthorized("unknown or revoked token"));
        if (cache.size() > 200_000) {
            cache.clear();
        }
        cache.put(h, new Cached(p, now + CACHE_MILLIS));
        return p;
    }

    public static void require(Principal p, Set<Role> allowed) {
        if (!allowed.contains(p.role())) {
            throw ApiException.forbidden("role " + p.role().wireName() + " may not do this (needs one of "
                    + allowed.stream().map(Role::wireName).toList() + ")");
        }
    }

    /** A device principal bound to one device: what every device endpoint except register needs. */
    public static String requireDevice(Principal p) {
        if (p.role() != Role.DEVICE || p.deviceId() == null) {
            throw ApiException.forbidden("needs the device token returned by /device/v1/register");
        }
        return p.deviceId();
    }

    public static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "wt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

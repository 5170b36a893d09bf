package org.walle.deploy.internal.service;

import java.util.ArrayList;
import java.util.List;

import org.walle.deploy.client.Notice;
import org.walle.deploy.internal.store.Stores;
import org.walle.deploy.internal.store.TokenStore.Principal;
import org.walle.deploy.model.Assignment;
import org.walle.deploy.model.Device;
import org.walle.deploy.model.DeviceAttributes;
import org.walle.deploy.model.Report;
import org.walle.deploy.model.ReportStatus;
import org.walle.deploy.model.Role;

/**
 * The device side: registration, the device's own assignments (and nothing else), bundle access checks and
 * reports. Every method takes the calling device's id from its token, never from the request body.
 */
public final class DeviceService {
    private final Stores stores;
    private final AuthService auth;
    private final RolloutService rollouts;
    private final ThresholdMonitor monitor;

    public DeviceService(Stores stores, AuthService auth, RolloutService rollouts, ThresholdMonitor monitor) {
        this.stores = stores;
        this.auth = auth;
        this.rollouts = rollouts;
        this.monitor = monitor;
        this.reports = new ReportBatcher(stores);
    }

    private final ReportBatcher reports;

    /** Stops the report writer thread. */
    public void close() {
        reports.close();
    }

    public record Registration(String deviceId, String token, String serverKey) {
    }

    /**
     * Registers (or re-registers) a device with an enrollment token (role device, not bound to a device) or an
     * admin token. Re-registering revokes the device's earlier tokens.
     */
    public Registration register(Principal caller, String deviceId, DeviceAttributes a, String serverKey) {
        boolean enrollment = caller.role() == Role.DEVICE && caller.deviceId() == null;
        if (!enrollment && caller.role() != Role.ADMIN) {
            throw ApiException.forbidden("registering needs an enrollment token (role device, not bound to a device)");
        }
        Validate.deviceId("deviceId", deviceId);
        if (a == null) {
            throw ApiException.badRequest("attributes are required (appVersion, os, osVersion, model, tier, region, "
                    + "userGroup, emulated)");
        }
        for (String[] f : new String[][] {{"appVersion", a.appVersion()}, {"os", a.os()}, {"osVersion", a.osVersion()},
                {"model", a.model()}, {"tier", a.tier()}, {"region", a.region()}, {"userGroup", a.userGroup()}}) {
            Validate.optionalText("attributes." + f[0], f[1], 64);
        }
        long now = System.currentTimeMillis();
        String token = AuthService.newToken();
        // one transaction: the device, its new token and its first assignments appear together or not at all
        rollouts.inRegistration(c -> {
            stores.devices().upsert(c, deviceId, a, now);
            auth.revokeDevice(c, deviceId);
            auth.insert(c, token, Role.DEVICE, "device:" + deviceId, deviceId, caller.subject());
            return stores.devices().find(c, deviceId).orElseThrow();
        });
        lastSeenWritten.put(deviceId, now);
        return new Registration(deviceId, token, serverKey);
    }

    public Device device(String id) {
        return stores.db().inTransaction(c -> stores.devices().find(c, id))
                .orElseThrow(() -> ApiException.notFound("device '" + id + "'"));
    }

    /** The device's current assignments as notices: what the polling endpoint and a reconnect return. */
    public List<Notice> notices(String deviceId) {
        seen(deviceId);
        return stores.db().inTransaction(c -> {
            List<Notice> out = new ArrayList<>();
            for (Assignment a : stores.assignments().forDevice(c, deviceId)) {
                out.add(Notices.of(stores.releases().find(c, a.releaseId()).orElseThrow()));
            }
            return out;
        });
    }

    /**
     * Updates last-seen at most once a minute per device: a write per poll would make 10,000 polling devices
     * 10,000 commits a minute for a dashboard column.
     */
    void seen(String deviceId) {
        long now = System.currentTimeMillis();
        Long last = lastSeenWritten.get(deviceId);
        if (last == null || now - last > 60_000) {
            lastSeenWritten.put(deviceId, now);
            stores.db().inTransaction(c -> {
                stores.devices().touch(c, deviceId, now);
                return null;
            });
        }
    }

    private final java.util.Map<String, Long> lastSeenWritten = new java.util.concurrent.ConcurrentHashMap<>();

    public boolean mayFetch(String deviceId, String sha256) {
        return stores.db().inTransaction(c -> stores.assignments().deviceMayFetch(c, deviceId, sha256));
    }

    /** Records a report on a release the device is (or was, before a rollback) assigned. */
    public Report report(String deviceId, long releaseId, ReportStatus status, Long latencyMs, String message) {
        if (status == null) {
            throw ApiException.badRequest("status is required: one of DOWNLOADED, INSTALLED, INSTALL_FAILED, TASK_OK, "
                    + "TASK_ERROR");
        }
        if (latencyMs != null && (latencyMs < 0 || latencyMs > 86_400_000L)) {
            throw ApiException.badRequest("latencyMs must be between 0 and 86400000, got " + latencyMs);
        }
        Validate.optionalText("message", message, 2000);
        Report saved = reports.submit(new Report(0, deviceId, releaseId, 0, 0, status, latencyMs, message,
                System.currentTimeMillis()));
        monitor.markDirty(saved.rolloutId());
        return saved;
    }
}

package org.walle.deploy.internal.http;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.walle.deploy.internal.service.AuthService;
import org.walle.deploy.internal.service.DeviceService;
import org.walle.deploy.model.DeviceAttributes;
import org.walle.deploy.model.ReportStatus;
import org.walle.deploy.model.Role;

/**
 * {@code /device/v1}: the device contract. Devices authenticate with their own tokens and only ever see their own
 * assignments: the device id always comes from the token.
 */
final class DeviceResource {
    static final Set<Role> DEVICE = EnumSet.of(Role.DEVICE);
    static final Set<Role> ENROLLERS = EnumSet.of(Role.DEVICE, Role.ADMIN);

    record Register(String deviceId, DeviceAttributes attributes) {
    }

    record ReportRequest(Long releaseId, ReportStatus status, Long latencyMs, String message) {
    }

    private final DeviceService devices;
    private final String serverKey;

    DeviceResource(DeviceService devices, String serverKey) {
        this.devices = devices;
        this.serverKey = serverKey;
    }

    void register(ApiHandler api) {
        api.add(new Route("POST", "/device/v1/register", ENROLLERS,
                "Register a device with an enrollment token; returns its own token and the server's public key",
                "Register", "Registration", x -> {
                    Register b = x.body(Register.class);
                    x.json(201, devices.register(x.principal(), b.deviceId(), b.attributes(), serverKey));
                }));
        api.add(new Route("GET", "/device/v1/assignments", DEVICE,
                "Polling: this device's current assignments as notices", null, "NoticeList", x -> {
                    String id = AuthService.requireDevice(x.principal());
                    x.json(200, Map.of("deviceId", id, "notices", devices.notices(id)));
                }));
        api.add(new Route("POST", "/device/v1/reports", DEVICE, "Report download/install/run outcome of a release",
                "ReportRequest", "Report", x -> {
                    String id = AuthService.requireDevice(x.principal());
                    ReportRequest b = x.body(ReportRequest.class);
                    if (b.releaseId() == null) {
                        throw org.walle.deploy.internal.service.ApiException.badRequest("releaseId is required");
                    }
                    x.json(201, devices.report(id, b.releaseId(), b.status(), b.latencyMs(), b.message()));
                }));
        api.add(new Route("GET", "/device/v1/server-key", DEVICE, "The server's Ed25519 public key (X.509, base64)",
                null, "ServerKey", x -> x.json(200, Map.of("algorithm", "Ed25519", "publicKey", serverKey))));
    }
}

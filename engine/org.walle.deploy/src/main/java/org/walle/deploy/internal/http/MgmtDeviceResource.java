package org.walle.deploy.internal.http;

import java.util.Map;

import org.walle.deploy.internal.service.ApiException;
import org.walle.deploy.internal.service.AuthService;
import org.walle.deploy.internal.service.DeviceService;
import org.walle.deploy.internal.service.Validate;
import org.walle.deploy.internal.store.Stores;
import org.walle.deploy.model.Role;

/** Operator views of devices, reports and the audit log, and token issuing (admin only). */
final class MgmtDeviceResource {
    record IssueToken(String role, String subject) {
    }

    private final Stores stores;
    private final DeviceService devices;
    private final AuthService auth;

    MgmtDeviceResource(Stores stores, DeviceService devices, AuthService auth) {
        this.stores = stores;
        this.devices = devices;
        this.auth = auth;
    }

    void register(ApiHandler api) {
        api.add(new Route("GET", "/api/v1/devices", AuthService.OPERATORS, "List registered devices (paged)", null,
                "DevicePage", x -> x.json(200, stores.db().inTransaction(c -> stores.devices().list(c, Paging.offset(x),
                        Paging.limit(x))))));
        api.add(new Route("GET", "/api/v1/devices/{deviceId}", AuthService.OPERATORS,
                "Get a device with its assignments", null, "DeviceDetail", x -> {
                    String id = x.path("deviceId");
                    x.json(200, Map.of("device", devices.device(id), "assignments",
                            stores.db().inTransaction(c -> stores.assignments().forDevice(c, id))));
                }));
        api.add(new Route("GET", "/api/v1/reports", AuthService.OPERATORS,
                "List device reports (paged, ?rolloutId= and ?deviceId= filter)", null, "ReportPage", x -> {
                    String rid = x.query("rolloutId");
                    Long rolloutId;
                    try {
                        rolloutId = rid == null ? null : Long.valueOf(rid);
                    } catch (NumberFormatException e) {
                        throw ApiException.badRequest("query parameter rolloutId must be an integer, got '" + rid + "'");
                    }
                    x.json(200, stores.db().inTransaction(c -> stores.reports().list(c, rolloutId, x.query("deviceId"),
                            Paging.offset(x), Paging.limit(x))));
                }));
        api.add(new Route("GET", "/api/v1/audit", AuthService.OPERATORS,
                "Audit log (paged, ?target= e.g. rollout:3)", null, "AuditPage", x -> x.json(200, stores.db()
                        .inTransaction(c -> stores.audit().list(c, x.query("target"), Paging.offset(x), Paging.limit(x))))));
        api.add(new Route("POST", "/api/v1/tokens", AuthService.ADMIN,
                "Issue a token; role device gives an enrollment token for /device/v1/register", "IssueToken", "Token", x -> {
                    IssueToken b = x.body(IssueToken.class);
                    Role role = Role.parse(b.role());
                    String subject = Validate.text("subject", b.subject(), 100);
                    x.json(201, Map.of("token", auth.issue(role, subject, null, x.actor()), "role", role.wireName(),
                            "subject", subject));
                }));
    }
}

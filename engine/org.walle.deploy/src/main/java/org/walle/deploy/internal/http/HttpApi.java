package org.walle.deploy.internal.http;

import java.time.Duration;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.walle.deploy.internal.service.ApiException;
import org.walle.deploy.internal.service.AuthService;
import org.walle.deploy.internal.service.DeviceService;
import org.walle.deploy.internal.service.PolicyService;
import org.walle.deploy.internal.service.PublishService;
import org.walle.deploy.internal.service.RolloutService;
import org.walle.deploy.internal.store.Stores;
import org.walle.deploy.internal.store.TokenStore.Principal;

/** Wires the resources, the OpenAPI document and the device WebSocket into one Jetty handler tree. */
public final class HttpApi {
    public static final String CONNECT_PATH = "/device/v1/connect";
    private final ApiHandler api;
    private final PushHub hub = new PushHub();
    private final AuthService auth;
    private final DeviceService devices;

    public HttpApi(Stores stores, AuthService auth, PublishService publish, PolicyService policies,
            RolloutService rollouts, DeviceService devices, String version) {
        api = new ApiHandler(auth);
        new MgmtTaskResource(stores, publish).register(api);
        new MgmtReleaseResource(stores, publish).register(api);
        new MgmtPolicyResource(stores, policies).register(api);
        new MgmtRolloutResource(stores, rollouts).register(api);
        new MgmtDeviceResource(stores, devices, auth).register(api);
        new DeviceResource(devices, publish.publicKey()).register(api);
        new BundleResource(publish, devices).register(api);
        api.add(new Route("GET", "/api/v1/openapi.json", java.util.Set.of(), "This OpenAPI description", null, "OpenApi",
                x -> x.json(200, OpenApiDocument.build(api.routes(), version))));
        rollouts.setPushChannel(hub);
        this.auth = auth;
        this.devices = devices;
    }

    public PushHub hub() {
        return hub;
    }

    public java.util.List<Route> routes() {
        return api.routes();
    }

    /** The handler tree: WebSocket upgrades on {@link #CONNECT_PATH}, everything else to the REST router. */
    public Handler handler(Server server) {
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            // devices send a ping frame well within this; a silent half-open connection is dropped after it
            container.setIdleTimeout(Duration.ofMinutes(10));
            container.setMaxTextMessageSize(4096);
            container.addMapping(CONNECT_PATH, (rq, rs, cb) -> {
                try {
                    Principal p = auth.authenticate(rq.getHeaders().get("Authorization"));
                    String deviceId = AuthService.requireDevice(p);
                    return new PushSocket(deviceId, hub, devices);
                } catch (ApiException e) {
                    Response.writeError(rq, rs, cb, e.status(), e.getMessage());
                    return null;
                }
            });
        });
        ws.setHandler(api);
        return ws;
    }
}

package org.walle.deploy.internal.http;

import org.eclipse.jetty.websocket.api.Session;
import org.walle.deploy.internal.service.DeviceService;

/**
 * Server end of one device's {@code /device/v1/connect} WebSocket. On open the device gets every current assignment,
 * which is how a device that was offline during a push catches up. Incoming text is ignored except "ping" (apps
 * behind NATs keep the connection warm with it).
 */
public final class PushSocket implements Session.Listener.AutoDemanding {
    private final String deviceId;
    private final PushHub hub;
    private final DeviceService devices;
    private Session session;

    PushSocket(String deviceId, PushHub hub, DeviceService devices) {
        this.deviceId = deviceId;
        this.hub = hub;
        this.devices = devices;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        hub.opened(deviceId, s, devices.notices(deviceId));
    }

    @Override
    public void onWebSocketText(String message) {
        if ("ping".equals(message)) {
            session.sendText("{\"type\":\"pong\"}", org.eclipse.jetty.websocket.api.Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        hub.closed(deviceId, session);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        if (session != null) {
            hub.closed(deviceId, session);
        }
    }
}

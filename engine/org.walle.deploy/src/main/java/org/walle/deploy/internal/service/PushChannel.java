package org.walle.deploy.internal.service;

import org.walle.deploy.client.Notice;

/** Delivers notices to connected devices; implemented by the WebSocket layer. Offline devices are skipped. */
public interface PushChannel {
    /** @return true when the device had an open connection and the notice was queued to it */
    boolean push(String deviceId, Notice notice);

    PushChannel NONE = (deviceId, notice) -> false;
}

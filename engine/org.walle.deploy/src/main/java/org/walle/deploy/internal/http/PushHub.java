package org.walle.deploy.internal.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.walle.deploy.client.Notice;
import org.walle.deploy.internal.service.PushChannel;
import org.walle.deploy.internal.store.Json;

/**
 * Open device WebSockets by device id. A push is one small JSON text frame {@code {"type":"notice",...}}; the bytes
 * (the bundle) go over plain HTTP afterwards. A device holds one connection: a newer one replaces the older.
 */
public final class PushHub implements PushChannel {
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();

    void opened(String deviceId, Session s, List<Notice> catchUp) {
        Session old = sessions.put(deviceId, s);
        if (old != null && old != s) {
            old.close(1008, "replaced by a newer connection", Callback.NOOP);
        }
        send(s, Map.of("type", "hello", "deviceId", deviceId, "pending", catchUp.size()));
        for (Notice n : catchUp) {
            send(s, frame(n));
        }
    }

    void closed(String deviceId, Session s) {
        sessions.remove(deviceId, s);
    }

    @Override
    public boolean push(String deviceId, Notice notice) {
        Session s = sessions.get(deviceId);
        if (s == null || !s.isOpen()) {
            return false;
        }
        send(s, frame(notice));
        return true;
    }

    public int connected() {
        return sessions.size();
    }

    public long framesSent() {
        return framesSent.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    private static Map<String, Object> frame(Notice n) {
        return Map.of("type", "notice", "notice", n);
    }

    private void send(Session s, Object message) {
        String text = Json.write(message);
        framesSent.incrementAndGet();
        bytesSent.addAndGet(text.length());
        s.sendText(text, Callback.NOOP);
    }
}

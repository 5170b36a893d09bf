package org.walle.deploy.client;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The tiny message the server pushes over a device's WebSocket (and returns from polling): task {@code taskId}
 * should now run {@code version}. {@code version == null} means the task was withdrawn (rolled back with nothing
 * to return to). {@code url} is relative to the server URL; the bundle behind it is verified with
 * {@link BundleVerifier} against {@code sha256} and {@code signature}.
 */
public record Notice(String taskId, String version, long releaseId, String sha256, long size, String signature,
        String url) {

    @JsonIgnore
    public boolean isWithdrawal() {
        return version == null;
    }
}

package org.walle.deploy.internal.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jetty.http.HttpHeader;
import org.walle.deploy.internal.service.ApiException;
import org.walle.deploy.internal.service.AuthService;
import org.walle.deploy.internal.service.DeviceService;
import org.walle.deploy.internal.service.PublishService;

/**
 * {@code GET /device/v1/bundles/{sha256}}: the bundle bytes. The content hash is the strong ETag, so a device that
 * has the file gets 304; a single {@code Range: bytes=a-b} gets 206 so an interrupted download resumes. A device
 * may fetch only bundles of its own assignments (404 otherwise, to not reveal what exists).
 */
final class BundleResource {
    private final PublishService publish;
    private final DeviceService devices;

    BundleResource(PublishService publish, DeviceService devices) {
        this.publish = publish;
        this.devices = devices;
    }

    void register(ApiHandler api) {
        api.add(new Route("GET", "/device/v1/bundles/{sha256}", DeviceResource.DEVICE,
                "Download a bundle (ETag = sha256, If-None-Match -> 304, Range -> 206)", null, "Bundle", this::get));
    }

    private void get(Exchange x) throws IOException {
        String deviceId = AuthService.requireDevice(x.principal());
        String sha = x.path("sha256");
        if (!sha.matches("[0-9a-f]{64}")) {
            throw ApiException.badRequest("bundle id must be a lowercase SHA-256 hex digest, got '" + sha + "'");
        }
        if (!devices.mayFetch(deviceId, sha)) {
            throw ApiException.notFound("bundle " + sha);
        }
        Path file = publish.bundleFile(sha);
        long size = Files.size(file);
        String etag = "\"" + sha + "\"";
        var headers = x.response().getHeaders();
        headers.put(HttpHeader.ETAG, etag);
        headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
        headers.put(HttpHeader.CACHE_CONTROL, "private, max-age=31536000, immutable");
        String inm = x.header("If-None-Match");
        if (inm != null && (inm.contains(etag) || inm.trim().equals("*"))) {
            x.empty(304);
            return;
        }
        long start = 0;
        long end = size - 1;
        int status = 200;
        String range = x.header("Range");
        String ifRange = x.header("If-Range");
        if (range != null && (ifRange == null || ifRange.equals(etag))) {
            long[] r = parseRange(range, size);
            if (r == null) {
                headers.put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
                throw new ApiException(416, "range_not_satisfiable", "range '" + range + "' is outside 0-" + (size - 1)
                        + " or not a single bytes=a-b range");
            }
            start = r[0];
            end = r[1];
            status = 206;
            headers.put(HttpHeader.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
        }
        long length = end - start + 1;
        x.response().setStatus(status);
        headers.put(HttpHeader.CONTENT_TYPE, "application/zip");
        headers.put(HttpHeader.CONTENT_LENGTH, length);
        if (x.request.getMethod().equals("HEAD")) {
            x.empty(status);
            return;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r"); OutputStream out = x.stream()) {
            raf.seek(start);
            byte[] buf = new byte[(int) Math.min(65536, Math.max(1, length))];
            for (long left = length; left > 0;) {
                int n = raf.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
        x.completeStream();
    }

    /** One {@code bytes=a-b}, {@code bytes=a-} or {@code bytes=-n} range, clamped; null when unsatisfiable. */
    static long[] parseRange(String header, long size) {
        if (!header.startsWith("bytes=") || header.contains(",")) {
            return null;
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            long start;
            long end;
            if (a.isEmpty()) {
                long n = Long.parseLong(b);
                if (n <= 0) {
                    return null;
                }
                start = Math.max(0, size - n);
                end = size - 1;
            } else {
                start = Long.parseLong(a);
                end = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            }
            return start < 0 || start >= size || end < start ? null : new long[] {start, end};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

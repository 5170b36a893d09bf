package org.walle.deploy.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.walle.deploy.internal.service.ApiException;
import org.walle.deploy.internal.store.Json;
import org.walle.deploy.internal.store.TokenStore.Principal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/** One HTTP request as the resources see it: path parameters, query, typed body, JSON replies. */
public final class Exchange {
    /** JSON bodies are small; snapshots have their own larger limit. */
    static final int MAX_JSON_BYTES = 1 << 20;

    final Request request;
    final Response response;
    final Callback callback;
    private final Map<String, String> pathParams;
    private final Fields query;
    private Principal principal;
    private boolean done;

    Exchange(Request request, Response response, Callback callback, Map<String, String> pathParams) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.pathParams = pathParams;
        this.query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    }

    void setPrincipal(Principal p) {
        this.principal = p;
    }

    public Principal principal() {
        return principal;
    }

    public String actor() {
        return principal == null ? "anonymous" : principal.subject();
    }

    public String path(String name) {
        return pathParams.get(name);
    }

    public long pathLong(String name) {
        String v = pathParams.get(name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("path parameter " + name + " must be an integer, got '" + v + "'");
        }
    }

    public String query(String name) {
        return query.getValue(name);
    }

    public int queryInt(String name, int dflt, int min, int max) {
        String v = query.getValue(name);
        if (v == null) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw ApiException.badRequest("query parameter " + name + " must be in [" + min + ", " + max + "], got " + i);
            }
            return i;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("query parameter " + name + " must be an integer, got '" + v + "'");
        }
    }

    public String header(String name) {
        return request.getHeaders().get(name);
    }

    public InputStream bodyStream() {
        return Content.Source.asInputStream(request);
    }

    public byte[] bodyBytes(long max) throws IOException {
        try (InputStream in = bodyStream()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (b.length > max) {
                throw new ApiException(413, "too_large", "request body larger than " + max + " bytes");
            }
            return b;
        }
    }

    public JsonNode bodyTree() throws IOException {
        byte[] b = bodyBytes(MAX_JSON_BYTES);
        if (b.length == 0) {
            throw ApiException.badRequest("request body is empty; expected a JSON object");
        }
        try {
            JsonNode n = Json.MAPPER.readTree(b);
            if (n == null || !n.isObject()) {
                throw ApiException.badRequest("request body must be a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        }
    }

    /** Reads the body into a record; unknown or mistyped fields are 400s naming the field. */
    public <T> T body(Class<T> type) throws IOException {
        JsonNode n = bodyTree();
        try {
            return Json.MAPPER.treeToValue(n, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field '" + e.getPropertyName() + "' (known: "
                    + e.getKnownPropertyIds() + ")");
        } catch (JsonProcessingException e) {
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().get(m.getPath().size() - 1).getFieldName() : null;
            // Jackson appends configuration hints meant for developers, not API clients
            String msg = e.getOriginalMessage().replaceAll(" \\(set DeserializationConfig[^)]*\\)", "");
            throw ApiException.badRequest((field == null ? "" : "field '" + field + "': ") + msg);
        } catch (IllegalArgumentException e) {
            // record constructors validate their own fields
            throw ApiException.badRequest(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        }
    }

    public void json(int status, Object value) {
        byte[] bytes = Json.write(value).getBytes(StandardCharsets.UTF_8);
        send(status, "application/json", bytes);
    }

    public void send(int status, String contentType, byte[] bytes) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        done = true;
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /** Status and headers only (304, HEAD). */
    public void empty(int status) {
        response.setStatus(status);
        done = true;
        response.write(true, null, callback);
    }

    /** For streamed bodies; the caller writes and closes, then this exchange completes the callback. */
    OutputStream stream() {
        done = true;
        return Content.Sink.asOutputStream(response);
    }

    void completeStream() {
        callback.succeeded();
    }

    boolean isDone() {
        return done;
    }

    public Response response() {
        return response;
    }
}

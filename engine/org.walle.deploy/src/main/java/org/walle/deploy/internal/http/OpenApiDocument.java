package org.walle.deploy.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.walle.deploy.internal.store.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI 3.0 description served at {@code /api/v1/openapi.json}. Paths come from the live route table (so no
 * route can go undocumented); the schemas are the hand-written {@code openapi-components.json}.
 */
final class OpenApiDocument {
    private OpenApiDocument() {
    }

    static ObjectNode build(List<Route> routes, String version) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Walle deployment server");
        info.put("version", version);
        info.put("description", "Management API (/api/v1, operator roles) and device API (/device/v1, device tokens). "
                + "Devices also hold a WebSocket at /device/v1/connect (Authorization: Bearer <device token>) for notices.");
        ObjectNode paths = doc.putObject("paths");
        for (Route r : routes) {
            ObjectNode path = paths.has(r.template()) ? (ObjectNode) paths.get(r.template()) : paths.putObject(r.template());
            ObjectNode op = path.putObject(r.method().toLowerCase(java.util.Locale.ROOT));
            op.put("summary", r.summary());
            op.put("operationId", r.method().toLowerCase(java.util.Locale.ROOT) + r.template().replaceAll("[^A-Za-z0-9]+", "_"));
            if (!r.roles().isEmpty()) {
                op.putArray("security").addObject().putArray("bearer");
                op.put("x-roles", String.join(",", r.roles().stream().map(x -> x.wireName()).sorted().toList()));
            }
            ArrayNode params = op.putArray("parameters");
            for (String seg : r.template().split("/")) {
                if (seg.startsWith("{")) {
                    ObjectNode p = params.addObject();
                    p.put("name", seg.substring(1, seg.length() - 1));
                    p.put("in", "path");
                    p.put("required", true);
                    p.putObject("schema").put("type", "string");
                }
            }
            if (r.requestSchema() != null) {
                String type = r.requestSchema().equals("Snapshot") ? "application/zip" : "application/json";
                op.putObject("requestBody").putObject("content").putObject(type).putObject("schema")
                        .put("$ref", "#/components/schemas/" + r.requestSchema());
            }
            ObjectNode responses = op.putObject("responses");
            String ok = Integer.toString(r.successStatus());
            String type = r.responseSchema().equals("Bundle") ? "application/zip" : "application/json";
            responses.putObject(ok).put("description", "success").putObject("content").putObject(type)
                    .putObject("schema").put("$ref", "#/components/schemas/" + r.responseSchema());
            ObjectNode err = Json.MAPPER.createObjectNode();
            err.put("description", "error");
            err.putObject("content").putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/Error");
            responses.set("4XX", err);
        }
        doc.set("components", components());
        return doc;
    }

    private static ObjectNode components() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream("openapi-components.json")) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

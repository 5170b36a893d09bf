package org.walle.device.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.walle.device.DeviceOutput;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The tunnel payload of one output: which device, task, version and run produced it ({@code run} counts the
 * device's task runs, {@code index} the outputs within the run), so a receiver can attribute every message and
 * spot a loss or a repeat by {@code (device, run, index)}.
 */
public final class OutputEnvelope {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutputEnvelope() {
    }

    public static byte[] encode(String deviceId, String version, long releaseId, long run, int index,
            DeviceOutput o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("device", deviceId);
        m.put("task", o.taskId());
        m.put("version", version);
        m.put("release", releaseId);
        m.put("run", run);
        m.put("index", index);
        m.put("kind", o.kind());
        m.put("name", o.name());
        m.put("value", o.value());
        try {
            return MAPPER.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            // a value Jackson cannot write (a Java object leaking out of a script): send its text instead
            m.put("value", String.valueOf(o.value()));
            try {
                return MAPPER.writeValueAsBytes(m);
            } catch (JsonProcessingException again) {
                throw new IllegalStateException(again);
            }
        }
    }

    public static JsonNode decode(byte[] payload) {
        try {
            return MAPPER.readTree(new String(payload, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an output envelope: " + e.getOriginalMessage(), e);
        }
    }
}

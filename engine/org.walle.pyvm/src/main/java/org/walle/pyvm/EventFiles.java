package org.walle.pyvm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.walle.pyvm.internal.json.MiniJson;

/**
 * Reads recorded events, one JSON object a line:
 * {@code {"event_id": "click", "page_id": "home", "timestamp": 1700000000000, "args": {"item": "shoe"}}}.
 * Blank lines are skipped; errors name the line.
 */
public final class EventFiles {
    private EventFiles() {
    }

    public static List<TriggerEvent> read(Path file) throws IOException {
        List<TriggerEvent> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file.getFileName() + " line " + (i + 1);
            Object v;
            try {
                v = MiniJson.parse(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage());
            }
            if (!(v instanceof Map<?, ?> m) || !(m.get("event_id") instanceof String id)) {
                throw new IllegalArgumentException(where + ": expected an object with a string \"event_id\"");
            }
            Object page = m.get("page_id");
            Object ts = m.get("timestamp");
            Object args = m.get("args");
            if (ts != null && !(ts instanceof Long)) {
                throw new IllegalArgumentException(where + ": \"timestamp\" must be integer epoch milliseconds");
            }
            if (args != null && !(args instanceof Map)) {
                throw new IllegalArgumentException(where + ": \"args\" must be an object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> a = (Map<String, Object>) args;
            out.add(new TriggerEvent(id, page == null ? "" : page.toString(), ts == null ? 0 : (Long) ts, a));
        }
        return out;
    }
}

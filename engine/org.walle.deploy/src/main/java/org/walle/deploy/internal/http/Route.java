package org.walle.deploy.internal.http;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.walle.deploy.model.Role;

/**
 * One endpoint: method, path template ({@code /api/v1/rollouts/{id}}), the roles allowed (empty = public), and
 * the OpenAPI facts about it (summary, request and response schema names from the components).
 */
public record Route(String method, String template, Set<Role> roles, String summary, String requestSchema,
        String responseSchema, Handler handler) {

    @FunctionalInterface
    public interface Handler {
        void handle(Exchange x) throws Exception;
    }

    /** POSTs that create something answer 201; the action POSTs (preview, verbs, kill switch) answer 200. */
    public int successStatus() {
        boolean action = template.endsWith("/preview") || template.endsWith("/{verb}") || template.endsWith("/killswitch");
        return method.equals("POST") && !action ? 201 : 200;
    }

    /** Path parameters when {@code path} matches this template, else null. */
    Map<String, String> match(String path) {
        String[] t = template.split("/");
        String[] p = path.split("/");
        if (t.length != p.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{")) {
                if (p[i].isEmpty()) {
                    return null;
                }
                params.put(t[i].substring(1, t[i].length() - 1), p[i]);
            } else if (!t[i].equals(p[i])) {
                return null;
            }
        }
        return params;
    }
}

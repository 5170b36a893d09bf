package org.walle.engine.onnx.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reviewed list of node tests known to give a wrong answer, one per line: {@code test_name  # reason}. A
 * reason is mandatory so that nobody silences a failure without saying why.
 */
final class KnownFailures {
    static final String RESOURCE = "/onnx-known-failures.txt";

    private KnownFailures() {
    }

    static Map<String, String> load() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = KnownFailures.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return out;
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int lineNo = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int hash = l.indexOf('#');
                if (hash < 0 || l.substring(hash + 1).isBlank()) {
                    throw new IllegalStateException(RESOURCE + " line " + lineNo + " has no '# reason': " + l);
                }
                out.put(l.substring(0, hash).strip(), l.substring(hash + 1).strip());
            }
        }
        return out;
    }
}

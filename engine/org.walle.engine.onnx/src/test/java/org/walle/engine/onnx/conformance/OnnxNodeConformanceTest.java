package org.walle.engine.onnx.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Runs every ONNX backend node test of Debian's libonnx-testdata through the engine (see {@link TensorComparator}
 * for the tolerances). A wrong answer fails the build unless the test is in the reviewed known-failures list;
 * unsupported ops and types are counted, not failed. The data folder is {@code -Dwalle.onnx.testdata=DIR}
 * (default /usr/share/libonnx-testdata/data); without it the test is skipped. The summary and the full outcome
 * list go to target/onnx-conformance*.txt, a regenerated known-failures list to target/*known-failures.generated.txt.
 */
class OnnxNodeConformanceTest {
    static Path dataDir() {
        return Path.of(System.getProperty("walle.onnx.testdata", "/usr/share/libonnx-testdata/data"));
    }

    @Test
    void everyNodeTestPassesOrIsUnsupportedOrKnown() throws IOException {
        List<String> unexpected = runSuite("node", "onnx-conformance");
        assertTrue(unexpected.isEmpty(), "node tests failing and not in " + KnownFailures.RESOURCE + ":\n"
                + String.join("\n", unexpected));
    }

    /** The small whole-model tests beside the node tests (PyTorch exports, "simple" models), judged alike. */
    @Test
    void everyModelTestPassesOrIsUnsupportedOrKnown() throws IOException {
        List<String> unexpected = new ArrayList<>();
        for (String suite : List.of("pytorch-converted", "pytorch-operator", "simple")) {
            unexpected.addAll(runSuite(suite, "onnx-conformance-" + suite));
        }
        assertTrue(unexpected.isEmpty(), "model tests failing and not in " + KnownFailures.RESOURCE + ":\n"
                + String.join("\n", unexpected));
    }

    /** Runs one folder of tests, prints and writes its report; returns the failures not in the known list. */
    private static List<String> runSuite(String folder, String reportName) throws IOException {
        Path nodeDir = dataDir().resolve(folder);
        assumeTrue(Files.isDirectory(nodeDir), "ONNX " + folder + " tests not found at " + nodeDir
                + " (install Debian package libonnx-testdata or set -Dwalle.onnx.testdata)");
        List<Path> tests;
        try (Stream<Path> s = Files.list(nodeDir)) {
            tests = s.filter(p -> Files.exists(p.resolve("model.onnx"))).sorted().toList();
        }
        Map<String, String> known = KnownFailures.load();
        List<Outcome> outcomes = new ArrayList<>();
        try (NodeTestRunner runner = new NodeTestRunner()) {
            for (Path t : tests) {
                outcomes.add(runner.run(t));
            }
        }
        ConformanceReport report = new ConformanceReport(folder, outcomes, known);
        String text = report.render();
        System.out.println(text);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", reportName + ".txt"), text + report.allOutcomes());
        Files.writeString(Path.of("target", reportName + "-known-failures.generated.txt"),
                report.regeneratedKnownList());
        Files.writeString(Path.of("target", reportName + ".md"), report.markdown());
        return report.unexpectedFailures();
    }

    /** Counts and lists the outcomes. */
    record ConformanceReport(String suite, List<Outcome> outcomes, Map<String, String> known) {
        Map<Outcome.Status, Integer> counts() {
            Map<Outcome.Status, Integer> c = new EnumMap<>(Outcome.Status.class);
            for (Outcome.Status s : Outcome.Status.values()) {
                c.put(s, 0);
            }
            outcomes.forEach(o -> c.merge(o.status(), 1, Integer::sum));
            return c;
        }

        List<String> unexpectedFailures() {
            return outcomes.stream().filter(o -> o.status() == Outcome.Status.FAILED && !known.containsKey(o.test()))
                    .map(o -> o.test() + ": " + o.detail()).toList();
        }

        String render() {
            Map<Outcome.Status, Integer> c = counts();
            StringBuilder b = new StringBuilder();
            b.append("ONNX ").append(suite).append(" conformance: ").append(outcomes.size()).append(" tests, ")
                    .append(c.get(Outcome.Status.PASSED)).append(" passed / ")
                    .append(c.get(Outcome.Status.FAILED)).append(" failed / ")
                    .append(c.get(Outcome.Status.UNSUPPORTED_OP) + c.get(Outcome.Status.UNSUPPORTED_TYPE))
                    .append(" unsupported (").append(c.get(Outcome.Status.UNSUPPORTED_OP)).append(" op, ")
                    .append(c.get(Outcome.Status.UNSUPPORTED_TYPE)).append(" type or feature)\n");
            b.append("failed:\n");
            outcomes.stream().filter(o -> o.status() == Outcome.Status.FAILED).forEach(o -> b.append("  ")
                    .append(o.test()).append(known.containsKey(o.test()) ? " [known] " : " [NEW] ")
                    .append(o.detail()).append('\n'));
            b.append("unsupported ops:\n");
            Map<String, Integer> ops = new TreeMap<>();
            outcomes.stream().filter(o -> o.status() == Outcome.Status.UNSUPPORTED_OP)
                    .forEach(o -> ops.merge(Unsupported.opName(o.detail()), 1, Integer::sum));
            ops.forEach((op, n) -> b.append("  ").append(op).append(" x").append(n).append('\n'));
            List<String> stale = known.keySet().stream().filter(k -> outcomes.stream()
                    .anyMatch(o -> o.test().equals(k) && o.status() != Outcome.Status.FAILED)).toList();
            if (!stale.isEmpty()) {
                b.append("known failures that no longer fail (remove them): ").append(stale).append('\n');
            }
            return b.toString();
        }

        /** The figures as docs/engine.md shows them. */
        String markdown() {
            Map<Outcome.Status, Integer> c = counts();
            StringBuilder b = new StringBuilder();
            b.append("| ").append(suite).append(" | ").append(outcomes.size()).append(" | ")
                    .append(c.get(Outcome.Status.PASSED)).append(" | ").append(c.get(Outcome.Status.FAILED))
                    .append(" | ").append(c.get(Outcome.Status.UNSUPPORTED_OP)).append(" | ")
                    .append(c.get(Outcome.Status.UNSUPPORTED_TYPE)).append(" |\n\n");
            b.append("Failures (").append(suite).append("):\n");
            outcomes.stream().filter(o -> o.status() == Outcome.Status.FAILED).forEach(o -> b.append("- `")
                    .append(o.test()).append("`: ").append(known.getOrDefault(o.test(), "NOT REVIEWED: "
                            + o.detail())).append('\n'));
            Map<String, Integer> ops = new TreeMap<>();
            outcomes.stream().filter(o -> o.status() == Outcome.Status.UNSUPPORTED_OP)
                    .forEach(o -> ops.merge(Unsupported.opName(o.detail()), 1, Integer::sum));
            b.append("\nUnsupported ops (tests): ");
            ops.forEach((op, n) -> b.append(op).append(" (").append(n).append("), "));
            Map<String, Integer> types = new TreeMap<>();
            outcomes.stream().filter(o -> o.status() == Outcome.Status.UNSUPPORTED_TYPE)
                    .forEach(o -> types.merge(o.detail().replaceAll("^.*?: ", "").replaceAll("'[^']*'", "X")
                            .replaceAll(" \\(the engine stores.*", ""), 1, Integer::sum));
            b.append("\n\nUnsupported types or features (tests): ");
            types.forEach((t, n) -> b.append(t).append(" (").append(n).append("), "));
            return b.append('\n').toString();
        }

        String allOutcomes() {
            StringBuilder b = new StringBuilder("\nall outcomes:\n");
            outcomes.forEach(o -> b.append(o.test()).append('\t').append(o.status()).append('\t')
                    .append(o.detail().replace('\n', ' ')).append('\n'));
            return b.toString();
        }

        /** The failures of this run in the known-failures format, reasons kept where reviewed. */
        String regeneratedKnownList() {
            StringBuilder b = new StringBuilder();
            outcomes.stream().filter(o -> o.status() == Outcome.Status.FAILED).forEach(o -> b.append(o.test())
                    .append("  # ").append(known.getOrDefault(o.test(), "TODO review: " + o.detail()
                            .replace('\n', ' '))).append('\n'));
            return b.toString();
        }
    }
}

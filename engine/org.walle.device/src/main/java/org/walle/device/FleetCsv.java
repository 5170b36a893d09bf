package org.walle.device;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Writes fleet snapshots as two CSV files: {@code <base>.csv} (one row per snapshot: connections, counters,
 * latency percentiles) and {@code <base>-coverage.csv} (one row per snapshot and task version: devices on it).
 * Rows are flushed as they come, so a long run can be watched with {@code tail -f}.
 */
public final class FleetCsv implements Consumer<FleetSnapshot>, AutoCloseable {
    static final String HEADER = "seconds,devices,registered,connected,events,fired,runs,run_errors,outputs,installs,"
            + "install_failures,rollbacks,problems,run_p50_ms,run_p95_ms,install_p50_ms,install_p95_ms";
    private final BufferedWriter main;
    private final BufferedWriter coverage;

    public FleetCsv(Path base) throws IOException {
        String name = base.getFileName().toString().replaceFirst("\\.csv$", "");
        Path dir = base.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        main = Files.newBufferedWriter(dir.resolve(name + ".csv"), StandardCharsets.UTF_8);
        coverage = Files.newBufferedWriter(dir.resolve(name + "-coverage.csv"), StandardCharsets.UTF_8);
        main.write(HEADER + "\n");
        coverage.write("seconds,task,version,devices\n");
    }

    @Override
    public synchronized void accept(FleetSnapshot s) {
        try {
            main.write(String.format(Locale.ROOT, "%.3f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%.3f,%.3f,%.1f,%.1f%n",
                    s.seconds(), s.devices(), s.registered(), s.connected(), s.events(), s.fired(), s.runs(),
                    s.runErrors(), s.outputs(), s.installs(), s.installFailures(), s.rollbacks(), s.problems(),
                    s.runP50Ms(), s.runP95Ms(), s.installP50Ms(), s.installP95Ms()));
            for (var e : s.coverage().entrySet()) {
                int at = e.getKey().indexOf('@');
                coverage.write(String.format(Locale.ROOT, "%.3f,%s,%s,%d%n", s.seconds(),
                        e.getKey().substring(0, at), e.getKey().substring(at + 1), e.getValue()));
            }
            main.flush();
            coverage.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        main.close();
        coverage.close();
    }
}

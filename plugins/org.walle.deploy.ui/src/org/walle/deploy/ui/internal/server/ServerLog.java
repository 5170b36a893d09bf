package org.walle.deploy.ui.internal.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The embedded server's log file ({@code logs/server.log} under its data directory): every start, stop and failure
 * with its stack trace, so "Open log" shows why a start failed long after the dialog is gone.
 */
public final class ServerLog {
    private final Path file;

    public ServerLog(Path dataDir) {
        this.file = dataDir.resolve("logs").resolve("server.log");
    }

    public Path file() {
        return file;
    }

    public void info(String message) {
        append("INFO  " + message);
    }

    public void error(String message, Throwable cause) {
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        append("ERROR " + message + System.lineSeparator() + trace.toString().stripTrailing());
    }

    /** The whole log, or a line saying there is none yet. */
    public String read() throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private synchronized void append(String line) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Instant.now() + " " + line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is a convenience: a full disk must not turn a clean start or stop into a failure
            System.err.println("walle deploy: cannot write " + file + ": " + e.getMessage());
        }
    }
}

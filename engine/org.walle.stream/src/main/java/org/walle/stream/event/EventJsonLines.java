package org.walle.stream.event;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads and writes JSON Lines files of events (blank lines are skipped). */
public final class EventJsonLines {
    private EventJsonLines() {
    }

    public static void write(Writer out, Iterable<Event> events) throws IOException {
        for (Event event : events) {
            out.write(EventJson.toJson(event));
            out.write('\n');
        }
    }

    public static void write(Path file, Iterable<Event> events) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(out, events);
        }
    }

    /**
     * Streams the events of a reader to {@code sink}. A malformed line stops the read with an
     * {@link IllegalArgumentException} that names the source and line number.
     */
    public static long read(BufferedReader in, String sourceName, Consumer<Event> sink) throws IOException {
        long lineNo = 0;
        long count = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            Event event;
            try {
                event = EventJson.fromJson(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(sourceName + ":" + lineNo + ": " + e.getMessage(), e);
            }
            sink.accept(event);
            count++;
        }
        return count;
    }

    public static List<Event> read(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            read(in, file.toString(), events::add);
        }
        return events;
    }
}

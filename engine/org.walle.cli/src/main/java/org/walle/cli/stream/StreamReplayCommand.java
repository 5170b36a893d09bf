package org.walle.cli.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.walle.stream.event.Event;
import org.walle.stream.event.EventJsonLines;
import org.walle.stream.trigger.NaiveTriggerEngine;
import org.walle.stream.trigger.TrieTriggerEngine;
import org.walle.stream.trigger.Trigger;
import org.walle.stream.trigger.TriggerEngine;
import org.walle.stream.trigger.TriggerJson;
import org.walle.stream.trigger.TriggerMatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code walle stream replay}: runs an event file through the trigger engine and prints every fire. */
@Command(name = "replay", description = "Replay a JSON Lines event file against triggers.json and print what fired.")
public final class StreamReplayCommand implements Callable<Integer> {
    enum EngineKind { trie, naive }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EVENTS", description = "Events as JSON Lines (see walle stream gen).")
    Path events;

    @Option(names = "--triggers", required = true, paramLabel = "FILE", description = "triggers.json (docs/stream.md).")
    Path triggers;

    @Option(names = "--engine", defaultValue = "trie", description = "trie (default) or naive (reference scanner).")
    EngineKind engineKind;

    @Option(names = "--quiet", description = "Print only the summary, not each fire.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        List<Trigger> list = TriggerJson.read(triggers);
        TriggerEngine engine = engineKind == EngineKind.trie ? new TrieTriggerEngine() : new NaiveTriggerEngine();
        list.forEach(engine::addTrigger);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, Integer> perTrigger = new TreeMap<>();
        list.forEach(t -> perTrigger.put(t.id(), 0));
        long start = System.nanoTime();
        long count;
        try (BufferedReader in = Files.newBufferedReader(events, StandardCharsets.UTF_8)) {
            count = EventJsonLines.read(in, events.toString(), e -> {
                for (TriggerMatch m : engine.onEvent(e)) {
                    perTrigger.merge(m.triggerId(), 1, Integer::sum);
                    if (!quiet) {
                        out.println(describe(m));
                    }
                }
                if (engine.nextSequence() % 200_000 == 0) {
                    err.println("... " + engine.nextSequence() + " events");
                }
            });
        }
        double ms = (System.nanoTime() - start) / 1e6;
        long fires = perTrigger.values().stream().mapToLong(Integer::longValue).sum();
        out.printf("%d events, %d triggers, %d fires in %.1f ms (%s engine)%n", count, list.size(), fires, ms,
                engineKind);
        perTrigger.forEach((id, n) -> out.println("  " + id + ": " + n));
        out.flush();
        return 0;
    }

    private static String describe(TriggerMatch m) {
        StringBuilder sb = new StringBuilder("fired ").append(m.triggerId()).append(" at event #")
                .append(m.lastSequence()).append(':');
        long[] seqs = m.sequence();
        for (int i = 0; i < seqs.length; i++) {
            Event e = m.events().get(i);
            sb.append(' ').append('#').append(seqs[i]).append(' ').append(e.eventId()).append('@').append(e.pageId());
        }
        return sb.toString();
    }
}

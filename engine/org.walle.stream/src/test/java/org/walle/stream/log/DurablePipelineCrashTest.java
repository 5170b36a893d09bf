package org.walle.stream.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.stream.event.EcommerceGenerator;
import org.walle.stream.event.Event;
import org.walle.stream.trigger.RandomTriggers;
import org.walle.stream.trigger.TrieTriggerEngine;
import org.walle.stream.trigger.Trigger;

class DurablePipelineCrashTest {
    private static final long SEED = 5;

    @TempDir
    Path dir;

    static List<Trigger> triggers() {
        return new RandomTriggers(99).make(40);
    }

    /** What an uninterrupted engine fires on the first {@code count} events. */
    private static List<String> expectedKeys(int count) {
        TrieTriggerEngine engine = new TrieTriggerEngine();
        triggers().forEach(engine::addTrigger);
        List<String> keys = new ArrayList<>();
        for (Event e : new EcommerceGenerator(SEED).generate(400).subList(0, count)) {
            engine.onEvent(e).forEach(m -> keys.add(m.key()));
        }
        return keys;
    }

    @Test
    void reopeningAfterACleanCloseFiresNothingAgain() throws Exception {
        List<Event> events = new EcommerceGenerator(SEED).generate(60);
        List<String> first = new ArrayList<>();
        try (DurablePipeline p = DurablePipeline.open(dir, m -> first.add(m.key()))) {
            triggers().forEach(p::addTrigger);
            p.offerAll(events.subList(0, 500));
            assertTrue(p.removeTrigger("t3"));
        }
        List<String> second = new ArrayList<>();
        try (DurablePipeline p = DurablePipeline.open(dir, m -> second.add(m.key()))) {
            assertEquals(0, p.recovery().firesDelivered());
            assertEquals(first.size(), p.recovery().firesSuppressed());
            assertEquals(500, p.recovery().eventsReplayed());
            assertEquals(39, p.triggers().size(), "trigger changes are replayed too");
            assertTrue(second.isEmpty(), second.toString());
            p.offerAll(events.subList(500, events.size()));
        }
        // the partial matches rebuilt by replay complete exactly as in one uninterrupted run
        TrieTriggerEngine reference = new TrieTriggerEngine();
        triggers().forEach(reference::addTrigger);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (i == 500) {
                reference.removeTrigger("t3");
            }
            reference.onEvent(events.get(i)).forEach(m -> all.add(m.key()));
        }
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        assertEquals(all, both);
        assertTrue(second.size() > 0);
    }

    @Test
    void aTornEventAtTheTailIsDroppedNotReplayed() throws Exception {
        try (DurablePipeline p = DurablePipeline.open(dir, m -> { })) {
            p.offerAll(new EcommerceGenerator(SEED).generate(2));
        }
        Files.write(dir.resolve("events.log"), new byte[] {0, 0, 0, 90, 1, 2}, StandardOpenOption.APPEND);
        try (DurablePipeline p = DurablePipeline.open(dir, m -> { })) {
            assertEquals(6, p.recovery().droppedTailBytes());
            assertEquals(new EcommerceGenerator(SEED).generate(2).size(), p.eventCount());
        }
    }

    /** SIGKILL the processing JVM at several points; after recovery every fire happened exactly once. */
    @Test
    void killNineThenReplayFiresEachMatchAtMostOnceAndMissesNone() throws Exception {
        int[] killAfterRuns = {30, 200};
        for (int round = 0; round < killAfterRuns.length; round++) {
            Path roundDir = dir.resolve("round" + round);
            List<String> beforeCrash = runAndKill(roundDir, killAfterRuns[round]);
            List<String> afterCrash = new ArrayList<>();
            try (DurablePipeline p = DurablePipeline.open(roundDir, m -> afterCrash.add(m.key()))) {
                RecoveryReport report = p.recovery();
                List<String> expected = expectedKeys((int) report.eventsReplayed());
                Set<String> seen = new HashSet<>();
                for (String key : beforeCrash) {
                    assertTrue(seen.add(key), "fired twice before the crash: " + key);
                }
                for (String key : afterCrash) {
                    assertTrue(seen.add(key), "fired again after the crash: " + key);
                }
                for (String key : report.interrupted()) {
                    assertTrue(!afterCrash.contains(key), "an interrupted fire was repeated: " + key);
                }
                seen.addAll(report.interrupted()); // handed over, runner cut off mid-run: not repeated
                assertEquals(new HashSet<>(expected), seen, report.toString());
            }
        }
    }

    private List<String> runAndKill(Path roundDir, int killAfter) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PipelineWriterChild.class.getName(), roundDir.toString(), "" + SEED).redirectErrorStream(true)
                .start();
        List<String> runs = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            boolean killed = false;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RUN ")) {
                    runs.add(line.substring(4));
                } else if (!line.equals("READY")) {
                    throw new AssertionError("child wrote: " + line);
                }
                if (!killed && runs.size() >= killAfter) {
                    child.toHandle().destroyForcibly();
                    killed = true;
                }
            }
            assertTrue(killed, "the child finished before " + killAfter + " runs");
        } finally {
            child.toHandle().destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        return runs;
    }
}

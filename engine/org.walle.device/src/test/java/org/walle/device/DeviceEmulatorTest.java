package org.walle.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.walle.stream.event.EcommerceGenerator;
import org.walle.stream.event.Event;
import org.walle.stream.event.EventJsonLines;

/** The single-device emulator with the real Python VM. */
class DeviceEmulatorTest {
    static Path vmCache;
    static PythonTaskExecutor python;
    @TempDir
    Path dir;

    @BeforeAll
    static void vm() throws Exception {
        vmCache = Files.createTempDirectory("walle-device-vm");
        python = new PythonTaskExecutor(vmCache, 1);
    }

    @AfterAll
    static void closeVm() throws Exception {
        python.close();
        org.walle.device.internal.Trees.delete(vmCache);
    }

    private static final String COUNTING_TASK = String.join("\n",
            "from walle import events, output, state",
            "ev = events.matched()[0]",
            "n = (state.get('purchases') or 0) + 1",
            "state.put('purchases', n)",
            "print 'purchase of', ev['args']['amount']",
            "output.emit('amount', int(ev['args']['amount']))",
            "output.feature('count', n)",
            "");

    /** Every purchase fires the task once; state carries across runs; outputs and console are visible. */
    @Test
    void recordedStreamFiresOncePerPurchase() throws Exception {
        List<Event> stream = new EcommerceGenerator(7).generate(25);
        Path jsonl = dir.resolve("events.jsonl");
        EventJsonLines.write(jsonl, stream);
        List<Event> purchases = stream.stream().filter(e -> e.eventId().equals("purchase")).toList();
        assertFalse(purchases.isEmpty(), "the seed must produce purchases for this test to mean anything");
        List<String> fired = Collections.synchronizedList(new ArrayList<>());
        DeviceListener l = new DeviceListener() {
            @Override
            public void onTriggerFired(String d, org.walle.stream.trigger.TriggerMatch m) {
                fired.add(m.triggerId());
            }
        };
        try (DeviceEmulator emu = DeviceEmulator.offline(DeviceProfiles.resolve("low", null), dir.resolve("dev"),
                python, l)) {
            emu.install(TaskFolders.write(dir, "buyer", "1.0", "\"purchase\"", COUNTING_TASK));
            assertEquals(List.of("buyer#fire"), emu.agent().triggerIds());
            emu.feed(jsonl);
            DeviceEmulator.Summary s = emu.run();
            assertEquals(stream.size(), s.events());
            assertEquals(purchases.size(), s.fired());
            assertEquals(purchases.size(), fired.size());
            assertEquals(0, s.errors(), () -> s.taskRuns().get(0).result().error());
            long expectedSum = purchases.stream().mapToLong(e -> Long.parseLong(e.args().get("amount"))).sum();
            long sum = 0;
            for (StepResult.TaskRun r : s.taskRuns()) {
                sum += ((Number) r.result().outputs().get(0).value()).longValue();
                assertTrue(r.result().console().startsWith("purchase of "), r.result().console());
                assertTrue(r.deviceNanos() > r.result().hostNanos(), "a low-end device is slower than the host");
            }
            assertEquals(expectedSum, sum);
            StepResult.TaskRun last = s.taskRuns().get(s.taskRuns().size() - 1);
            assertEquals(purchases.size(), ((Number) last.result().outputs().get(1).value()).intValue(),
                    "the device's state must count every run");
            assertThrows(IllegalStateException.class, emu::step, "no events left");
        }
    }

    /** A version that keeps failing is replaced by the last good one after three runs. */
    @Test
    void failingVersionRollsBackToLastGood() throws Exception {
        List<String> rollbacks = Collections.synchronizedList(new ArrayList<>());
        DeviceListener l = new DeviceListener() {
            @Override
            public void onRolledBack(String d, String t, String from, String to, String why) {
                rollbacks.add(t + ":" + from + "->" + to + ":" + why);
            }
        };
        try (DeviceEmulator emu = DeviceEmulator.offline(DeviceProfiles.resolve("mid", null), dir.resolve("dev"),
                python, l)) {
            emu.install(TaskFolders.write(dir, "clicker", "1.0", "\"click_item\"",
                    "from walle import output\noutput.emit('ok', 1)\n"));
            emu.install(TaskFolders.write(dir, "clicker", "2.0", "\"click_item\"",
                    "from walle import output\nx = 1\ny = x / 0\n"));
            assertEquals("2.0", emu.agent().version("clicker").orElseThrow());
            emu.feedGenerated(3, 20);
            StepResult.TaskRun firstError = null;
            int errors = 0;
            while (emu.hasNext() && errors < 3) {
                for (StepResult.TaskRun r : emu.step().runs()) {
                    if (!r.result().ok()) {
                        errors++;
                        firstError = firstError == null ? r : firstError;
                    }
                }
            }
            assertEquals(3, errors);
            assertNotNull(firstError);
            assertTrue(firstError.result().error().contains("main.py:3"), firstError.result().error());
            assertTrue(firstError.result().error().contains("ZeroDivisionError"), firstError.result().error());
            emu.runtime().awaitIdle(10_000);
            assertEquals("1.0", emu.agent().version("clicker").orElseThrow());
            assertEquals(1, rollbacks.size(), rollbacks.toString());
            assertTrue(rollbacks.get(0).startsWith("clicker:2.0->1.0:3 consecutive failed runs"), rollbacks.get(0));
            DeviceEmulator.Summary after = emu.run(30);
            assertTrue(after.runs() > 0, "the restored version must keep running");
            assertEquals(0, after.errors());
        }
    }

    /** Hostile input: a malformed JSON Lines file names the file and the line. */
    @Test
    void malformedRecordingNamesTheLine() throws Exception {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, EventJsonLines.class.getSimpleName().isEmpty() ? "" : "{\"type\":\"click\"}\n");
        try (DeviceEmulator emu = DeviceEmulator.offline(DeviceProfiles.resolve("high", null), dir.resolve("d"),
                python, null)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> emu.feed(bad));
            assertTrue(e.getMessage().contains("bad.jsonl:1"), e.getMessage());
        }
    }
}

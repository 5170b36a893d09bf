package org.walle.engine.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.runtime.Profile;
import org.walle.engine.samples.SampleGraphs;
import org.walle.engine.tensor.Shape;
import org.walle.engine.ui.model.ProfileSweep;
import org.walle.engine.ui.model.RandomFeeds;
import org.walle.engine.ui.profile.ProfileCharts;

/** The chart data of the Profile view: top-N by node, the comparison series, latency per backend and threads. */
class ProfileChartsTest {

    @Test
    void topOpsSumsANodesCommandsAndComparesOverTheSameNodes() {
        Profile a = profile("cpu-simd", 2, List.of(timing(0, "conv", 3_000_000), timing(1, "conv", 1_000_000),
                timing(2, "relu", 500_000), timing(3, "add", 2_000_000)));
        Profile b = profile("cpu-ref", 1, List.of(timing(0, "conv", 9_000_000), timing(1, "relu", 700_000)));
        DefaultCategoryDataset top = ProfileCharts.topOps(ProfileSweep.Result.of("a", a), ProfileSweep.Result.of("b", b), 2);
        assertEquals(List.of("conv", "add"), top.getColumnKeys(), "the two slowest nodes of the first run, slowest first");
        assertEquals(4.0, top.getValue("a", "conv").doubleValue(), 1e-9, "both conv commands, in ms");
        assertEquals(9.0, top.getValue("b", "conv").doubleValue(), 1e-9);
        assertEquals(0.0, top.getValue("b", "add").doubleValue(), 1e-9, "a node the other run lacks counts 0");
    }

    @Test
    void latencyHasASeriesPerRunAndThreadCount() {
        Profile p = profile("cpu-simd", 2, List.of(timing(0, "conv", 1_000_000)));
        ProfileSweep.Result run = new ProfileSweep.Result("run 1", p, List.of(new ProfileSweep.Latency("cpu-simd", 1, 4_000_000),
                new ProfileSweep.Latency("cpu-simd", 2, 3_000_000), new ProfileSweep.Latency("opencl", 1, 8_000_000)),
                Map.of());
        DefaultCategoryDataset latency = ProfileCharts.latency(run, ProfileSweep.Result.of("old.csv", p));
        assertEquals(List.of("cpu-simd", "opencl"), latency.getColumnKeys());
        assertEquals(3, latency.getRowCount(), latency.getRowKeys().toString());
        assertTrue(latency.getRowKeys().toString().contains("old.csv"), latency.getRowKeys().toString());
    }

    @Test
    void threadCountsDoubleUpToTheMaximum() {
        assertEquals(List.of(1), ProfileSweep.threadCounts(1));
        assertEquals(List.of(1, 2), ProfileSweep.threadCounts(2));
        assertEquals(List.of(1, 2, 4, 6), ProfileSweep.threadCounts(6));
        assertEquals(List.of(1), ProfileSweep.threadCounts(0), "hostile: no threads still measures one");
    }

    @Test
    void aGeneratedGraphIsProfiledWithoutOnnxRuntimeAndSaysWhy() {
        ProfileSweep sweep = new ProfileSweep(SampleGraphs.mlp(), null, Map.of("x", Shape.of(1, 8)), 0, 2);
        ProfileSweep.Result r = sweep.run("sample", org.walle.engine.runtime.SessionOptions.defaults(), 2,
                org.eclipse.core.runtime.SubMonitor.convert(new org.eclipse.core.runtime.NullProgressMonitor()));
        assertEquals(2, r.profile().runNanos().length, "two runs, merged from one-run profiles");
        assertEquals(2, r.profile().ops().get(0).kernelNanos().length);
        assertTrue(r.latencies().stream().noneMatch(l -> l.backend().equals(ProfileSweep.ONNX_RUNTIME)));
        assertTrue(r.skipped().get(ProfileSweep.ONNX_RUNTIME).contains("no ONNX file"), r.skipped().toString());
    }

    @Test
    void aCancelledMonitorStopsTheSweepBeforeItsFirstRun() {
        // hostile: a monitor cancelled from the start
        org.eclipse.core.runtime.NullProgressMonitor cancelled = new org.eclipse.core.runtime.NullProgressMonitor();
        cancelled.setCanceled(true);
        ProfileSweep sweep = new ProfileSweep(SampleGraphs.mlp(), null, Map.of("x", Shape.of(1, 8)), 0, 1000);
        assertThrows(org.eclipse.core.runtime.OperationCanceledException.class, () -> sweep.run("x",
                org.walle.engine.runtime.SessionOptions.defaults(), 2,
                org.eclipse.core.runtime.SubMonitor.convert(cancelled)));
    }

    @Test
    void randomFeedsNameAnInputWithoutAShape() {
        // hostile: shapes that do not cover the graph's input
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomFeeds.of(SampleGraphs.mlp(), Map.of("nope", Shape.of(1))));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
        var feeds = RandomFeeds.of(SampleGraphs.mlp(), Map.of("x", Shape.of(2, 8)));
        assertEquals(Shape.of(2, 8), feeds.get("x").getShape());
        assertEquals(feeds.get("x").getDouble(3), RandomFeeds.of(SampleGraphs.mlp(), Map.of("x", Shape.of(2, 8)))
                .get("x").getDouble(3), "a fixed seed: two runs time the same inputs");
    }

    private static Profile profile(String backend, int threads, List<Profile.OpTiming> ops) {
        return new Profile(backend, threads, ops, new long[] {5_000_000, 6_000_000, 7_000_000});
    }

    private static Profile.OpTiming timing(int command, String node, long nanos) {
        return new Profile.OpTiming(command, node, AtomicOp.UNARY, "cpu-simd", "x", 0, new long[] {nanos},
                new long[] {0});
    }
}

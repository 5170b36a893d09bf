package org.walle.engine.simd.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.walle.engine.backend.BackendConfig;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.simd.MachineSpeed;

/**
 * MATMUL and batched-MatMul LOOP commands against the reference kernel. Tolerance: 1e-4 of the largest |output|
 * (float accumulation of k products against the reference's double), 3e-4 for Strassen (its sums of
 * sub-matrices add rounding).
 */
class SimdMatMulTest {
    private static final int[][] SHAPES = {{1, 1, 1}, {7, 13, 5}, {33, 17, 65}, {70, 65, 129}, {4, 100, 3}};

    @Test
    void everyTransposeAlphaBetaAndBiasCombinationMatchesTheReference() {
        CommandHarness h = new CommandHarness(1);
        int checked = 0;
        for (int threads = 1; threads <= 2; threads++) {
            SimdBackend backend = CommandHarness.backend(threads);
            for (int[] s : SHAPES) {
                for (int variant = 0; variant < 8; variant++) {
                    boolean ta = (variant & 1) != 0;
                    boolean tb = (variant & 2) != 0;
                    boolean bias = (variant & 4) != 0;
                    float alpha = variant % 3 == 0 ? 1f : 0.5f;
                    float beta = variant % 5 == 0 ? 1f : -2f;
                    boolean constantB = (variant + s[0]) % 2 == 0;
                    Command c = matMul(h, s[0], s[1], s[2], ta, tb, alpha, beta, bias, constantB);
                    List<String> names = h.check(c, backend, 1e-4);
                    assertTrue(names.get(0).startsWith("gemm-tiled mc="), names.toString());
                    checked++;
                }
            }
        }
        assertEquals(80, checked);
    }

    @Test
    void strassenIsOfferedWhenItPaysAndMatchesTheReference() {
        // a machine whose memory is so fast that Strassen's extra additions always pay from 64 up
        MachineSpeed fastMemory = new MachineSpeed(1, 1, 2, 1000);
        CommandHarness h = new CommandHarness(2);
        for (int threads = 1; threads <= 2; threads++) {
            SimdBackend backend = new SimdBackend(new BackendConfig(threads), fastMemory);
            for (int[] s : new int[][] {{64, 64, 64}, {131, 97, 129}, {129, 130, 131}}) {
                Command c = matMul(h, s[0], s[1], s[2], s[0] == 131, threads == 2, 0.5f, 2f, s[0] > 64, true);
                List<String> names = h.check(c, backend, 3e-4);
                assertTrue(names.stream().anyMatch(n -> n.startsWith("strassen-L")), names.toString());
            }
        }
        // and it is not offered on a machine where it does not pay at this size
        CommandHarness small = new CommandHarness(3);
        List<String> names = small.check(matMul(small, 128, 128, 128, false, false, 1, 1, false, false),
                CommandHarness.backend(1), 1e-4);
        assertEquals(1, names.size(), names.toString());
    }

    @Test
    void batchedMatMulLoopsWithTabledAndLinearStepsMatchTheReference() {
        CommandHarness h = new CommandHarness(4);
        for (int threads = 1; threads <= 2; threads++) {
            SimdBackend backend = CommandHarness.backend(threads);
            for (int[] s : new int[][] {{5, 7, 3}, {16, 33, 64}, {1, 9, 17}}) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                int count = 6;
                // A is [6, m, k]; B is [2, k, n] shared by pairs of iterations (tabled, like a broadcast batch)
                PlanTensor a = h.tensor(count, m, k);
                PlanTensor b = h.tensor(2, k, n);
                PlanTensor y = h.tensor(count, m, n);
                int[] bOff = new int[count];
                for (int i = 0; i < count; i++) {
                    bOff[i] = (i % 2) * k * n;
                }
                Command body = CommandHarness.command(AtomicOp.MATMUL, List.of(a, b), List.of(y),
                        Params.MatMul.plain(m, n, k));
                Command loop = CommandHarness.command(AtomicOp.LOOP, List.of(a, b), List.of(y), new Params.Loop(count,
                        body, List.of(Params.Step.linear(m * k), Params.Step.table(bOff), Params.Step.linear(m * n))));
                List<String> names = h.check(loop, backend, 1e-4);
                assertTrue(names.get(0).startsWith("batched-gemm x6 mc="), names.toString());
                // transposed B (the attention K^T) goes through the runner's scratch, iterations in order
                Command bodyT = CommandHarness.command(AtomicOp.MATMUL, List.of(a, b), List.of(y),
                        new Params.MatMul(m, n, k, false, true, 0.125f, 1f));
                PlanTensor bt = h.tensor(2, n, k);
                Command loopT = CommandHarness.command(AtomicOp.LOOP, List.of(a, bt), List.of(y), new Params.Loop(count,
                        new Command(AtomicOp.MATMUL, "node", List.of(a, bt), List.of(y), bodyT.params()),
                        List.of(Params.Step.linear(m * k), Params.Step.table(bOff), Params.Step.linear(m * n))));
                h.check(loopT, backend, 1e-4);
            }
        }
    }

    static Command matMul(CommandHarness h, int m, int n, int k, boolean ta, boolean tb, float alpha, float beta,
            boolean bias, boolean constantB) {
        PlanTensor a = ta ? h.tensor(k, m) : h.tensor(m, k);
        long[] bDims = tb ? new long[] {n, k} : new long[] {k, n};
        PlanTensor b = constantB ? h.constant(bDims) : h.tensor(bDims);
        List<PlanTensor> in = new ArrayList<>(List.of(a, b));
        if (bias) {
            in.add(h.tensor(m, n));
        }
        return CommandHarness.command(AtomicOp.MATMUL, in, List.of(h.tensor(m, n)),
                new Params.MatMul(m, n, k, ta, tb, alpha, beta));
    }
}

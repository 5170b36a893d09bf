package org.walle.engine.simd.backend;

import java.util.ArrayList;
import java.util.List;

import org.walle.engine.backend.Algorithm;
import org.walle.engine.backend.CommandCost;
import org.walle.engine.backend.Creation;
import org.walle.engine.backend.Execution;
import org.walle.engine.backend.ref.Operand;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.simd.Cost;
import org.walle.engine.simd.CostModel;
import org.walle.engine.simd.GemmTiling;
import org.walle.engine.simd.Parallel;
import org.walle.engine.simd.Strassen;

/**
 * MATMUL as "gemm-tiled mc=.. kc=.." (always) and "strassen-L<levels>" (when {@link Strassen#pays}); a LOOP of
 * MATMUL (batched MatMul) as one GEMM per iteration at the operands' per-iteration offsets, the iterations spread
 * over the threads when each writes its own block of C.
 */
final class MatMulAlgorithms {
    private MatMulAlgorithms() {
    }

    static Creation matMul(Command c, Env env) {
        Params.MatMul p = (Params.MatMul) c.params();
        String bad = checkSizes(c, p);
        if (bad != null) {
            return Creation.unsupported(bad);
        }
        int m = p.m();
        int n = p.n();
        int k = p.k();
        GemmTiling tiling = GemmTiling.choose(m, n, k);
        boolean hasBias = c.inputs().size() > 2;
        Cost extra = extraPasses(p, hasBias, c.inputs().get(1));
        float[] constantB = constant(c.inputs().get(1));
        double flops = CommandCost.flops(c);
        List<Algorithm> algorithms = new ArrayList<>();
        algorithms.add(new Algorithm("gemm-tiled mc=" + tiling.mc() + " kc=" + tiling.kc(), flops,
                env.seconds(CostModel.gemm(m, n, k, tiling).plus(extra)),
                () -> execution(new MatMulRunner(p, tiling, 0, constantB), hasBias, env.threads())));
        if (Strassen.pays(m, n, k, env.speed(), env.threads())) {
            int levels = Strassen.levels(m, n, k, env.speed(), env.threads());
            algorithms.add(new Algorithm("strassen-L" + levels, flops,
                    env.seconds(Strassen.cost(m, n, k, levels).plus(extra)),
                    () -> execution(new MatMulRunner(p, tiling, levels, constantB), hasBias, env.threads())));
        }
        return new Creation.Supported(algorithms);
    }

    private static Execution execution(MatMulRunner runner, boolean hasBias, int threads) {
        return (in, out) -> runner.run(in[0], in[1], hasBias ? in[2] : null, out[0], threads);
    }

    /** A LOOP whose body is a MATMUL moved by fixed offsets (linear or tabled steps, no index tensor). */
    static Creation loop(Command c, Env env) {
        Params.Loop loop = (Params.Loop) c.params();
        Command body = loop.body();
        if (body.op() != AtomicOp.MATMUL) {
            return Creation.unsupported("LOOP over " + body.op() + ": cpu-simd runs loops of MATMUL only");
        }
        for (Params.Step s : loop.steps()) {
            if (s.table() == null && s.indexInput() >= 0) {
                return Creation.unsupported("LOOP steps driven by an index tensor: cpu-simd runs fixed offsets only");
            }
        }
        Params.MatMul p = (Params.MatMul) body.params();
        String bad = checkSizes(body, p);
        if (bad != null) {
            return Creation.unsupported(bad);
        }
        int operands = body.inputs().size() + body.outputs().size();
        if (loop.steps().size() != operands) {
            return Creation.unsupported("LOOP has " + loop.steps().size() + " steps for " + operands + " operands");
        }
        int count = loop.count();
        int[][] offsets = new int[operands][count];
        for (int j = 0; j < operands; j++) {
            Params.Step s = loop.steps().get(j);
            for (int it = 0; it < count; it++) {
                offsets[j][it] = s.table() != null ? s.table()[it] : it * s.stride();
            }
        }
        String outside = outOfBounds(c, body, offsets, count);
        if (outside != null) {
            return Creation.unsupported(outside);
        }
        boolean hasBias = body.inputs().size() > 2;
        GemmTiling tiling = GemmTiling.choose(p.m(), p.n(), p.k());
        Cost one = CostModel.gemm(p.m(), p.n(), p.k(), tiling).plus(extraPasses(p, hasBias, null));
        Cost all = Cost.of(one.flops() * count, one.bytes() * count, one.efficiency());
        int outIndex = body.inputs().size();
        boolean disjoint = disjointOutputs(offsets[outIndex], p.m() * p.n());
        return Creation.of(new Algorithm("batched-gemm x" + count + " mc=" + tiling.mc() + " kc=" + tiling.kc(),
                CommandCost.flops(c), env.seconds(all), () -> {
                    MatMulRunner runner = new MatMulRunner(p, tiling, 0, null);
                    boolean parallel = disjoint && !runner.needsScratch() && env.threads() > 1 && count > 1;
                    return (in, out) -> {
                        Parallel.RangeTask iterations = (from, to) -> {
                            for (int it = from; it < to; it++) {
                                Operand a = in[0].shift(offsets[0][it]);
                                Operand b = in[1].shift(offsets[1][it]);
                                Operand bias = hasBias ? in[2].shift(offsets[2][it]) : null;
                                Operand y = out[0].shift(offsets[outIndex][it]);
                                runner.run(a, b, bias, y, parallel ? 1 : env.threads());
                            }
                        };
                        if (parallel) {
                            Parallel.forRange(env.threads(), count, iterations);
                        } else {
                            iterations.run(0, count);
                        }
                    };
                }));
    }

    /** Null when every iteration's operand blocks lie inside their tensors, else what sticks out. */
    private static String outOfBounds(Command loopCommand, Command body, int[][] offsets, int count) {
        Params.MatMul p = (Params.MatMul) body.params();
        int[] sizes = {p.m() * p.k(), p.k() * p.n(), p.m() * p.n(), p.m() * p.n()};
        List<PlanTensor> tensors = new ArrayList<>(body.inputs());
        tensors.addAll(body.outputs());
        for (int j = 0; j < tensors.size(); j++) {
            int size = j < body.inputs().size() ? sizes[j] : sizes[3];
            for (int it = 0; it < count; it++) {
                if (offsets[j][it] < 0 || (long) offsets[j][it] + size > tensors.get(j).elements()) {
                    return "LOOP iteration " + it + " moves operand " + j + " of " + loopCommand.node()
                            + " outside its tensor";
                }
            }
        }
        return null;
    }

    private static boolean disjointOutputs(int[] offsets, int block) {
        int[] sorted = offsets.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] - sorted[i - 1] < block) {
                return false;
            }
        }
        return true;
    }

    private static String checkSizes(Command c, Params.MatMul p) {
        if (p.m() < 0 || p.n() < 0 || p.k() < 0) {
            return "negative MATMUL size m=" + p.m() + " n=" + p.n() + " k=" + p.k();
        }
        long[] need = {(long) p.m() * p.k(), (long) p.k() * p.n(), (long) p.m() * p.n()};
        for (int i = 0; i < c.inputs().size() && i < 3; i++) {
            if (c.inputs().get(i).elements() < need[i]) {
                return "MATMUL operand " + i + " holds " + c.inputs().get(i).elements() + " elements, needs "
                        + need[i];
            }
        }
        if (c.outputs().get(0).elements() < need[2]) {
            return "MATMUL output holds " + c.outputs().get(0).elements() + " elements, needs " + need[2];
        }
        return null;
    }

    /** Transposes into scratch and the alpha/bias pass over C: streaming work on top of the GEMM. */
    private static Cost extraPasses(Params.MatMul p, boolean hasBias, PlanTensor b) {
        double bytes = 0;
        if (p.transA()) {
            bytes += 8.0 * p.m() * p.k();
        }
        if (p.transB() && constant(b) == null) {
            bytes += 8.0 * p.k() * p.n();
        }
        if (hasBias || p.alpha() != 1f) {
            bytes += 12.0 * p.m() * p.n();
        }
        return Cost.of(hasBias ? 2.0 * p.m() * p.n() : 0, bytes, CostModel.STREAMING_EFFICIENCY);
    }

    /** The elements of a float32 plan constant (through an alias), or null when the tensor is computed. */
    static float[] constant(PlanTensor t) {
        if (t == null) {
            return null;
        }
        PlanTensor owner = t.storageOwner();
        if (owner.kind() != PlanTensor.Kind.CONSTANT || owner.constant() == null) {
            return null;
        }
        return owner.constant().buffer();
    }
}

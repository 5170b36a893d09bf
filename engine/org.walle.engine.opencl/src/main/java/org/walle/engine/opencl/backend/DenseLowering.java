package org.walle.engine.opencl.backend;

import java.util.ArrayList;
import java.util.List;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;

/** MATMUL on the direct, register-blocked or local-memory tiled GEMM kernel. */
final class DenseLowering {

    private DenseLowering() {
    }

    /**
     * Three algorithms, each costed with its own calibrated rate: the direct kernel (one output per work-item), the
     * register-blocked one (4 x 8 outputs per work-item, float8 rows of B) and the local-memory tiled one (when the
     * kernel's work-groups may hold a tile on this device; usually the best on GPUs, while CPU devices favour
     * blocking).
     */
    static List<Lowered> matMul(Command c, DeviceKernels k) throws NotOnDevice {
        Params.MatMul p = (Params.MatMul) c.params();
        Lowering.distinctStorage(c);
        int m = p.m();
        int n = p.n();
        int kk = p.k();
        long mk = (long) m * kk;
        long kn = (long) kk * n;
        long mn = (long) m * n;
        expect(c.inputs().get(0), mk, "A", p);
        expect(c.inputs().get(1), kn, "B", p);
        expect(c.outputs().get(0), mn, "C", p);
        boolean bias = c.inputs().size() > 2;
        if (bias) {
            expect(c.inputs().get(2), mn, "bias", p);
        }
        long ts = DeviceKernels.TS;
        List<Lowered> ways = new ArrayList<>();
        ways.add(new Lowered((in, out) -> k.launch("gemm_direct", new long[] {n, m}, null, in[0].need(mk),
                in[1].need(kn), out[0].need(mn), bias ? in[2].need(mn) : in[0], bias ? 1 : 0, m, n, kk, p.transA(),
                p.transB(), p.alpha(), p.beta()), "gemm-direct", 1, Lowered.Rate.DIRECT));
        ways.add(blocked(k, m, n, kk, p.transA(), p.transB(), p.alpha(), p.beta(), bias, "gemm-blocked 4x8"));
        if (k.workGroupLimit("gemm") >= ts * ts) {
            ways.add(new Lowered((in, out) -> k.launch("gemm", new long[] {n, m}, new long[] {ts, ts}, in[0].need(mk),
                    in[1].need(kn), out[0].need(mn), bias ? in[2].need(mn) : in[0], bias ? 1 : 0, m, n, kk,
                    p.transA(), p.transB(), p.alpha(), p.beta()), "gemm-tiled ts=" + ts, 1, Lowered.Rate.TILED));
        }
        return ways;
    }

    /** The register-blocked GEMM on operands (A, B, C[, bias]) at their offsets; biasMode 1 when bias is given. */
    static Lowered blocked(DeviceKernels k, int m, int n, int kk, boolean ta, boolean tb, float alpha, float beta,
            boolean bias, String name) {
        long mk = (long) m * kk;
        long kn = (long) kk * n;
        long mn = (long) m * n;
        return new Lowered((in, out) -> k.launch("gemm_blocked", new long[] {(n + 7) / 8, (m + 3) / 4}, null,
                in[0].need(mk), in[1].need(kn), out[0].need(mn), bias ? in[2].need(mn) : in[0], bias ? 1 : 0, m, n, kk,
                ta, tb, alpha, beta), name, 1, Lowered.Rate.BLOCKED);
    }

    private static void expect(PlanTensor t, long elements, String what, Params.MatMul p) throws NotOnDevice {
        if (t.elements() != elements) {
            throw new NotOnDevice("MATMUL " + what + " " + t + " holds " + t.elements() + " values, " + p + " needs "
                    + elements);
        }
    }
}

package org.walle.engine.simd.backend;

import org.walle.engine.backend.Algorithm;
import org.walle.engine.backend.CommandCost;
import org.walle.engine.backend.Creation;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.simd.CostModel;
import org.walle.engine.simd.PoolParams;
import org.walle.engine.simd.Pooling;

/**
 * 1-d and 2-d max / average POOL on {@link Pooling} (a 1-d pool is a 2-d one of height 1). Lp pooling, dilated
 * windows and outputs the floor rule does not give (ceil_mode) stay with the reference backend.
 */
final class PoolAlgorithms {
    private PoolAlgorithms() {
    }

    static Creation create(Command c, Env env) {
        Params.Pool p = (Params.Pool) c.params();
        boolean max = "max".equals(p.kind());
        if (!max && !"avg".equals(p.kind())) {
            return Creation.unsupported("no cpu-simd kernel for " + p.kind() + " pooling");
        }
        long[] xd = c.inputs().get(0).shape().dims();
        long[] yd = c.outputs().get(0).shape().dims();
        if (xd.length != 3 && xd.length != 4) {
            return Creation.unsupported("cpu-simd pools 1-d and 2-d windows, got a rank-" + xd.length + " input");
        }
        for (int d : p.dilations()) {
            if (d != 1) {
                return Creation.unsupported("cpu-simd pooling has no dilated windows");
            }
        }
        boolean oneD = xd.length == 3;
        int s = oneD ? 0 : 1; // index of the width axis in the params
        PoolParams geometry;
        try {
            geometry = new PoolParams((int) xd[0], (int) xd[1], oneD ? 1 : (int) xd[2], (int) xd[xd.length - 1],
                    oneD ? 1 : p.kernel()[0], p.kernel()[s], oneD ? 1 : p.strides()[0], p.strides()[s],
                    oneD ? 0 : p.padsBegin()[0], p.padsBegin()[s], oneD ? 0 : p.padsEnd()[0], p.padsEnd()[s]);
        } catch (IllegalArgumentException e) {
            return Creation.unsupported("cpu-simd pooling: " + e.getMessage());
        }
        int oh = oneD ? 1 : (int) yd[2];
        if (geometry.outHeight() != oh || geometry.outWidth() != yd[yd.length - 1]) {
            return Creation.unsupported("pooled size " + java.util.Arrays.toString(yd)
                    + " is not the floor rule's (ceil_mode): cpu-simd pools with floor rounding");
        }
        boolean includePad = p.countIncludePad();
        int inSize = geometry.inputSize();
        int outSize = geometry.outputSize();
        return Creation.of(new Algorithm(max ? "vector-max" : "vector-avg", CommandCost.flops(c),
                env.seconds(CostModel.pooling(geometry)), () -> (in, out) -> {
                    float[] x = Floats.read(in[0], inSize);
                    float[] y = Floats.target(out[0], outSize);
                    if (max) {
                        Pooling.max(geometry, x, y, env.threads());
                    } else {
                        Pooling.average(geometry, x, y, includePad, env.threads());
                    }
                    Floats.commit(out[0], y, outSize);
                }));
    }
}

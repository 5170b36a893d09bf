package org.walle.engine.simd.backend;

import java.util.Arrays;

import org.walle.engine.backend.Algorithm;
import org.walle.engine.backend.CommandCost;
import org.walle.engine.backend.Creation;
import org.walle.engine.backend.ref.Operand;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Region;
import org.walle.engine.simd.Cost;
import org.walle.engine.simd.CostModel;

/**
 * Float32 RASTER: the optional fill, then every region. Each region is classified once when the command is created
 * ({@link CopyPlan}): broadcasts (source x stride 0) become {@link Arrays#fill} runs, unit-stride rows become
 * {@link System#arraycopy} (merged into one long run when rows are contiguous on both sides), 2-D transposes go
 * through cache blocks, and only what is left is a strided scalar loop.
 */
final class RasterCopy {
    private RasterCopy() {
    }

    static Creation create(Command c, Env env) {
        Params.Raster p = (Params.Raster) c.params();
        int n = c.outputs().get(0).elements();
        for (Region r : p.regions()) {
            if (r.source() < 0 || r.source() >= c.inputs().size()) {
                return Creation.unsupported("RASTER region reads source " + r.source() + " of " + c.inputs().size());
            }
        }
        long moved = 0;
        for (Region r : p.regions()) {
            moved += r.elements();
        }
        double bytes = 8.0 * moved + (p.fill() != null ? 4.0 * n : 0);
        double seconds = env.seconds(Cost.of(0, bytes, CostModel.STREAMING_EFFICIENCY));
        CopyPlan[] plans = p.regions().stream().map(CopyPlan::of).toArray(CopyPlan[]::new);
        boolean fill = p.fill() != null;
        float fillValue = fill ? p.fill().floatValue() : 0f;
        return Creation.of(new Algorithm("row-copy", CommandCost.flops(c), seconds, () -> (in, out) -> {
            float[] dst = Floats.array(out[0]);
            int d0 = out[0].offset();
            if (fill) {
                Arrays.fill(dst, d0, d0 + n, fillValue);
            }
            for (CopyPlan plan : plans) {
                Operand source = in[plan.source()];
                plan.copy(Floats.array(source), source.offset(), dst, d0);
            }
        }));
    }

    /** Copies one region (no fill) between operands; kept for callers that copy a single region. */
    static void copy(Region r, Operand source, Operand target, float[] dst) {
        CopyPlan.of(r).copy(Floats.array(source), source.offset(), dst, target.offset());
    }
}

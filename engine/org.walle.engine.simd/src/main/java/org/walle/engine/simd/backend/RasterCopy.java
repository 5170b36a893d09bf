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
 * Float32 RASTER: the optional fill, then every region. Rows whose x stride is 1 on both sides move with
 * {@link System#arraycopy} (a memmove the JIT vectorises); other rows are a strided loop.
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
        float fill = p.fill() == null ? 0 : p.fill().floatValue();
        return Creation.of(new Algorithm("row-copy", CommandCost.flops(c), seconds, () -> (in, out) -> {
            float[] dst = Floats.array(out[0]);
            if (p.fill() != null) {
                Arrays.fill(dst, out[0].offset(), out[0].offset() + n, fill);
            }
            for (Region r : p.regions()) {
                copy(r, in[r.source()], out[0], dst);
            }
        }));
    }

    static void copy(Region r, Operand source, Operand target, float[] dst) {
        float[] src = Floats.array(source);
        int[] size = r.size();
        int[] ss = r.src().stride();
        int[] ds = r.dst().stride();
        int s0 = source.offset() + r.src().offset();
        int d0 = target.offset() + r.dst().offset();
        boolean rows = ss[2] == 1 && ds[2] == 1;
        for (int z = 0; z < size[0]; z++) {
            for (int y = 0; y < size[1]; y++) {
                int s = s0 + z * ss[0] + y * ss[1];
                int d = d0 + z * ds[0] + y * ds[1];
                if (rows) {
                    System.arraycopy(src, s, dst, d, size[2]);
                } else {
                    for (int x = 0; x < size[2]; x++) {
                        dst[d + x * ds[2]] = src[s + x * ss[2]];
                    }
                }
            }
        }
    }
}

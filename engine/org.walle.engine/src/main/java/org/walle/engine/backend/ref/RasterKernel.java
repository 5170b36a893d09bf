package org.walle.engine.backend.ref;

import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.Region;

/** Pure data movement: fills the destination if asked, then copies every region. */
final class RasterKernel {
    private RasterKernel() {
    }

    static void run(Command c, Operand[] in, Operand[] out) {
        Params.Raster p = (Params.Raster) c.params();
        Operand dst = out[0];
        if (p.fill() != null) {
            int n = c.outputs().get(0).elements();
            for (int i = 0; i < n; i++) {
                dst.data().setConverted(dst.offset() + i, p.fill());
            }
        }
        for (Region r : p.regions()) {
            copy(r, in[r.source()], dst);
        }
    }

    static void copy(Region r, Operand src, Operand dst) {
        int[] size = r.size();
        for (int z = 0; z < size[0]; z++) {
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[2]; x++) {
                    dst.data().copy(dst.offset() + r.dst().index(z, y, x), src.data(),
                            src.offset() + r.src().index(z, y, x));
                }
            }
        }
    }
}

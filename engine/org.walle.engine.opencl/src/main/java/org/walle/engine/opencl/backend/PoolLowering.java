package org.walle.engine.opencl.backend;

import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;

/** POOL in 2-d: max, average (with or without padded positions counted) and Lp, one work-item per output. */
final class PoolLowering {

    private PoolLowering() {
    }

    static Lowered pool(Command c, DeviceKernels k) throws NotOnDevice {
        Params.Pool p = (Params.Pool) c.params();
        PlanTensor x = c.inputs().get(0);
        PlanTensor y = c.outputs().get(0);
        if (x.shape().rank() != 4 || y.shape().rank() != 4 || p.kernel().length != 2) {
            throw new NotOnDevice("the OpenCL pooling is 2-d only; this one has " + p.kernel().length
                    + " spatial axes");
        }
        if (c.outputs().size() != 1) {
            throw new NotOnDevice("pooling with " + c.outputs().size() + " outputs (indices) is not run on OpenCL");
        }
        int kind = switch (p.kind()) {
            case "max" -> 0;
            case "avg" -> 1;
            case "lp" -> 2;
            default -> throw new NotOnDevice("no OpenCL kernel for " + p.kind() + " pooling");
        };
        if (kind == 2 && p.p() < 1) {
            throw new NotOnDevice("Lp pooling needs p >= 1, got " + p.p());
        }
        Lowering.distinctStorage(c);
        long[] xd = x.shape().dims();
        long[] yd = y.shape().dims();
        if (xd[0] != yd[0] || xd[1] != yd[1]) {
            throw new NotOnDevice("pooling changes the batch or channel count: " + x + " -> " + y);
        }
        int h = (int) xd[2];
        int w = (int) xd[3];
        int oh = (int) yd[2];
        int ow = (int) yd[3];
        int count = y.elements();
        long xs = x.elements();
        int[] s = p.strides();
        int[] pb = p.padsBegin();
        int[] pe = p.padsEnd();
        int[] d = p.dilations();
        int[] kk = p.kernel();
        return new Lowered((in, out) -> k.launch("pool2d", new long[] {count}, null, in[0].need(xs),
                out[0].need(count), h, w, oh, ow, kk[0], kk[1], s[0], s[1], pb[0], pb[1], pe[0], pe[1], d[0], d[1],
                kind, p.countIncludePad(), p.p(), count), "pool-" + p.kind(), 1);
    }
}

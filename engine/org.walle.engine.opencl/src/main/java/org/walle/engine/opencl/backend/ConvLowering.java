package org.walle.engine.opencl.backend;

import java.util.ArrayList;
import java.util.List;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;

/**
 * CONV and CONV_DEPTHWISE in 2-d with any group count: the direct kernel (one work-item per output), and im2col
 * into a scratch buffer followed by the register-blocked GEMM per image and group (a 1x1, stride 1, unpadded
 * convolution multiplies the input directly). The search weighs the GEMM speed against the extra launches.
 */
final class ConvLowering {
    /** im2col scratch larger than this (256 MiB) is not worth the memory; the direct kernel remains. */
    static final long MAX_SCRATCH_FLOATS = 64L << 20;

    private ConvLowering() {
    }

    /** The geometry of one 2-d convolution, validated against the operands. */
    private record Geometry(int n, int c, int h, int w, int m, int oh, int ow, int kh, int kw, int group, int[] s,
            int[] pad, int[] d, boolean bias) {
        int cg() {
            return c / group;
        }

        int mg() {
            return m / group;
        }

        long rows() {
            return (long) cg() * kh * kw;
        }

        int plane() {
            return oh * ow;
        }

        boolean pointwise() {
            return kh == 1 && kw == 1 && s[0] == 1 && s[1] == 1 && pad[0] == 0 && pad[1] == 0 && oh == h && ow == w;
        }
    }

    static List<Lowered> conv(Command c, DeviceKernels k, DeviceMemory memory) throws NotOnDevice {
        Geometry g = geometry(c);
        List<Lowered> ways = new ArrayList<>();
        ways.add(direct(c, g, k));
        if (g.rows() * g.plane() <= MAX_SCRATCH_FLOATS) {
            ways.add(im2col(c, g, k, memory));
        }
        Params.Unary activation = ((Params.Conv) c.params()).activation();
        if (activation == null) {
            return ways;
        }
        if (!ElementwiseLowering.UNARY.contains(activation.kind())) {
            throw new NotOnDevice("no OpenCL kernel for the fused activation " + activation.kind());
        }
        List<Lowered> activated = new ArrayList<>();
        for (Lowered way : ways) {
            activated.add(thenActivate(way, activation, c.outputs().get(0).elements(), k));
        }
        return activated;
    }

    /** The convolution, then its fused activation over the output in place (one more launch). */
    private static Lowered thenActivate(Lowered way, Params.Unary a, int count, DeviceKernels k) {
        String kernel = "unary_" + a.kind().name();
        return new Lowered((in, out) -> {
            way.op().enqueue(in, out);
            Arg y = out[0].need(count);
            k.launch(kernel, new long[] {count}, null, y, y, a.alpha(), a.beta(), count);
        }, way.algorithm(), way.launches() + 1, way.rate());
    }

    private static Geometry geometry(Command c) throws NotOnDevice {
        Params.Conv p = (Params.Conv) c.params();
        PlanTensor x = c.inputs().get(0);
        PlanTensor y = c.outputs().get(0);
        if (x.shape().rank() != 4 || p.kernel().length != 2 || y.shape().rank() != 4) {
            throw new NotOnDevice("the OpenCL convolution is 2-d only; this one has " + p.kernel().length
                    + " spatial axes");
        }
        if (c.outputs().size() != 1) {
            throw new NotOnDevice("convolution with " + c.outputs().size() + " outputs");
        }
        Lowering.distinctStorage(c);
        long[] xd = x.shape().dims();
        long[] yd = y.shape().dims();
        int channels = (int) xd[1];
        int m = (int) yd[1];
        int group = p.group();
        if (group < 1 || channels % group != 0 || m % group != 0) {
            throw new NotOnDevice("convolution group " + group + " does not divide " + channels + " input and " + m
                    + " output channels");
        }
        Geometry g = new Geometry((int) xd[0], channels, (int) xd[2], (int) xd[3], m, (int) yd[2], (int) yd[3],
                p.kernel()[0], p.kernel()[1], group, p.strides(), p.padsBegin(), p.dilations(), c.inputs().size() > 2);
        Lowering.size(c.inputs().get(1), (long) m * g.rows(), "convolution weights");
        if (g.bias()) {
            Lowering.size(c.inputs().get(2), m, "convolution bias");
        }
        return g;
    }

    private static Lowered direct(Command c, Geometry g, DeviceKernels k) {
        int count = c.outputs().get(0).elements();
        long xs = c.inputs().get(0).elements();
        long weights = (long) g.m() * g.rows();
        String name = g.group() == 1 ? "direct" : g.group() == g.c() && g.group() == g.m() ? "direct-depthwise"
                : "direct-grouped";
        return new Lowered((in, out) -> k.launch("conv2d", new long[] {count}, null, in[0].need(xs),
                in[1].need(weights), g.bias() ? in[2].need(g.m()) : in[1], g.bias(), out[0].need(count), g.c(), g.h(),
                g.w(), g.m(), g.oh(), g.ow(), g.kh(), g.kw(), g.s()[0], g.s()[1], g.pad()[0], g.pad()[1], g.d()[0],
                g.d()[1], g.group(), count), name, 1);
    }

    private static Lowered im2col(Command c, Geometry g, DeviceKernels k, DeviceMemory memory) {
        PlanTensor y = c.outputs().get(0);
        int rows = Math.toIntExact(g.rows());
        int plane = g.plane();
        int colFloats = rows * plane;
        boolean pointwise = g.pointwise();
        int inPlane = g.h() * g.w();
        long xs = c.inputs().get(0).elements();
        long weights = (long) g.m() * rows;
        long launches = (long) g.n() * g.group() * (pointwise ? 1 : 2);
        return new Lowered((in, out) -> {
            Arg x = in[0].need(xs);
            Arg w = in[1].need(weights);
            Arg yArg = out[0].need(y.elements());
            Arg bias = g.bias() ? in[2].need(g.m()) : w;
            Arg col = pointwise ? null : new Arg(memory.scratch(y, colFloats), 0, y.name() + " im2col");
            for (int n = 0; n < g.n(); n++) {
                for (int grp = 0; grp < g.group(); grp++) {
                    Arg image = x.shift((n * g.c() + grp * g.cg()) * inPlane);
                    if (!pointwise) {
                        k.launch("im2col", new long[] {colFloats}, null, image.need((long) g.cg() * inPlane),
                                col.need(colFloats).buffer(), g.h(), g.w(), g.kh(), g.kw(), g.s()[0], g.s()[1],
                                g.pad()[0], g.pad()[1], g.d()[0], g.d()[1], g.oh(), g.ow(), colFloats);
                    }
                    Arg b = pointwise ? image : col;
                    int mg = g.mg();
                    k.launch("gemm_blocked", new long[] {(plane + 7) / 8, (mg + 3) / 4}, null,
                            w.shift(grp * mg * rows).need((long) mg * rows), b.need((long) rows * plane),
                            yArg.shift((n * g.m() + grp * mg) * plane).need((long) mg * plane),
                            bias.shift(g.bias() ? grp * mg : 0), g.bias() ? 2 : 0, mg, plane, rows, false, false, 1f,
                            1f);
                }
            }
        }, pointwise ? "pointwise-gemm" : "im2col-gemm", Math.max(1, launches), Lowered.Rate.BLOCKED);
    }
}

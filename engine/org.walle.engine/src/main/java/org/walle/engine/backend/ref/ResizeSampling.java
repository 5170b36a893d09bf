package org.walle.engine.backend.ref;

import org.walle.engine.decompose.Params;

/**
 * Where a resized output pixel samples its input, exactly as the ONNX reference does: the source coordinate for
 * every coordinate_transformation_mode, and the taps and weights of nearest, linear and cubic sampling. Shared by
 * the reference kernel and the faster backends so they cannot drift apart.
 */
public final class ResizeSampling {
    private ResizeSampling() {
    }

    /** The input coordinate output index {@code o} of an axis samples. */
    public static double coordinate(Params.Resize p, int axis, int o, int inLen, int outLen) {
        double scale = p.scales()[axis];
        // the ONNX reference measures the resized axis as scale * input length, before rounding to an integer
        double resized = scale * inLen;
        return switch (p.coordinate()) {
            case "asymmetric" -> o / scale;
            case "tf_half_pixel_for_nn" -> (o + 0.5) / scale;
            case "align_corners" -> resized == 1 ? 0 : o * (inLen - 1.0) / (resized - 1.0);
            case "pytorch_half_pixel" -> outLen > 1 ? (o + 0.5) / scale - 0.5 : 0;
            case "half_pixel_symmetric" -> {
                double adjustment = outLen / (scale * inLen);
                double center = inLen / 2.0;
                yield center * (1 - adjustment) + (o + 0.5) / scale - 0.5;
            }
            case "tf_crop_and_resize" -> {
                int rank = p.roi().length / 2;
                double start = p.roi()[axis];
                double end = p.roi()[rank + axis];
                yield outLen > 1 ? start * (inLen - 1) + o * (end - start) * (inLen - 1) / (outLen - 1)
                        : 0.5 * (start + end) * (inLen - 1);
            }
            default -> (o + 0.5) / scale - 0.5;
        };
    }

    /** Input indices (clamped) and weights of the taps around {@code x}: 1 (nearest), 2 (linear) or 4 (cubic). */
    public static void taps(Params.Resize p, double x, int len, int[] idx, double[] w) {
        if (p.mode().equals("nearest")) {
            double fl = Math.floor(x);
            double frac = x - fl;
            int i = switch (p.nearest()) {
                case "floor" -> (int) fl;
                case "ceil" -> (int) Math.ceil(x);
                case "round_prefer_ceil" -> frac >= 0.5 ? (int) fl + 1 : (int) fl;
                default -> frac > 0.5 ? (int) fl + 1 : (int) fl;
            };
            idx[0] = clamp(i, len);
            w[0] = 1;
            return;
        }
        // x0 is the tap left of x; on an exact pixel the ONNX reference uses ratio 1 from the pixel to the left
        int x0 = x == Math.floor(x) ? (int) x - 1 : (int) Math.floor(x);
        double r = x - x0;
        if (idx.length == 2) {
            idx[0] = clamp(x0, len);
            idx[1] = clamp(x0 + 1, len);
            w[0] = 1 - r;
            w[1] = r;
            return;
        }
        double a = p.cubicCoeff();
        double q = 1 - r;
        w[0] = ((a * (r + 1) - 5 * a) * (r + 1) + 8 * a) * (r + 1) - 4 * a;
        w[1] = ((a + 2) * r - (a + 3)) * r * r + 1;
        w[2] = ((a + 2) * q - (a + 3)) * q * q + 1;
        w[3] = ((a * (q + 1) - 5 * a) * (q + 1) + 8 * a) * (q + 1) - 4 * a;
        double kept = 0;
        for (int t = 0; t < 4; t++) {
            int i = x0 - 1 + t;
            if (p.excludeOutside() && (i < 0 || i >= len)) {
                w[t] = 0;
            }
            kept += w[t];
            idx[t] = clamp(i, len);
        }
        if (p.excludeOutside() && kept != 0) {
            for (int t = 0; t < 4; t++) {
                w[t] /= kept;
            }
        }
    }

    private static int clamp(int i, int len) {
        return Math.max(0, Math.min(len - 1, i));
    }
}

package org.walle.engine.simd;

/** The scalar definition of NCHW Conv2D with double accumulation: the oracle for every algorithm. */
final class ConvReference {

    private ConvReference() {
    }

    static float[] conv(Conv2dParams p, float[] in, float[] w, float[] bias) {
        int oh = p.outHeight();
        int ow = p.outWidth();
        float[] out = new float[p.outputSize()];
        int cg = p.inPerGroup();
        for (int n = 0; n < p.batch(); n++) {
            for (int oc = 0; oc < p.outChannels(); oc++) {
                int g = oc / p.outPerGroup();
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double s = bias == null ? 0 : bias[oc];
                        for (int ic = 0; ic < cg; ic++) {
                            for (int y = 0; y < p.kernelH(); y++) {
                                for (int x = 0; x < p.kernelW(); x++) {
                                    int iy = oy * p.strideH() - p.padTop() + y * p.dilationH();
                                    int ix = ox * p.strideW() - p.padLeft() + x * p.dilationW();
                                    if (iy >= 0 && iy < p.height() && ix >= 0 && ix < p.width()) {
                                        s += (double) w[((oc * cg + ic) * p.kernelH() + y) * p.kernelW() + x]
                                                * in[((n * p.inChannels() + g * cg + ic) * p.height() + iy)
                                                        * p.width() + ix];
                                    }
                                }
                            }
                        }
                        out[((n * p.outChannels() + oc) * oh + oy) * ow + ox] = (float) s;
                    }
                }
            }
        }
        return out;
    }
}

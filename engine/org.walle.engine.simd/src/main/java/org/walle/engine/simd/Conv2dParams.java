package org.walle.engine.simd;

/**
 * Geometry of a 2D convolution on NCHW data: input {@code [batch, inChannels, height, width]}, weights
 * {@code [outChannels, inChannels / groups, kernelH, kernelW]}, bias {@code [outChannels]}, output
 * {@code [batch, outChannels, outHeight, outWidth]}.
 */
public record Conv2dParams(int batch, int inChannels, int height, int width, int outChannels, int kernelH,
        int kernelW, int strideH, int strideW, int padTop, int padLeft, int padBottom, int padRight, int dilationH,
        int dilationW, int groups) {

    public Conv2dParams {
        requirePositive("batch", batch);
        requirePositive("inChannels", inChannels);
        requirePositive("height", height);
        requirePositive("width", width);
        requirePositive("outChannels", outChannels);
        requirePositive("kernelH", kernelH);
        requirePositive("kernelW", kernelW);
        requirePositive("strideH", strideH);
        requirePositive("strideW", strideW);
        requirePositive("dilationH", dilationH);
        requirePositive("dilationW", dilationW);
        requirePositive("groups", groups);
        if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) {
            throw new IllegalArgumentException("conv pads must be >= 0: " + padTop + "," + padLeft + ","
                    + padBottom + "," + padRight);
        }
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("conv groups " + groups + " must divide inChannels " + inChannels
                    + " and outChannels " + outChannels);
        }
        if (height + padTop + padBottom < dilationH * (kernelH - 1) + 1
                || width + padLeft + padRight < dilationW * (kernelW - 1) + 1) {
            throw new IllegalArgumentException("conv kernel " + kernelH + "x" + kernelW + " (dilation " + dilationH
                    + "x" + dilationW + ") is larger than the padded input " + (height + padTop + padBottom) + "x"
                    + (width + padLeft + padRight));
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("conv " + name + " must be >= 1, got " + value);
        }
    }

    /** Square kernel, same stride and pad on every side, no dilation, one group. */
    public static Conv2dParams of(int batch, int inChannels, int height, int width, int outChannels, int kernel,
            int stride, int pad) {
        return new Conv2dParams(batch, inChannels, height, width, outChannels, kernel, kernel, stride, stride, pad,
                pad, pad, pad, 1, 1, 1);
    }

    public Conv2dParams withGroups(int g) {
        return new Conv2dParams(batch, inChannels, height, width, outChannels, kernelH, kernelW, strideH, strideW,
                padTop, padLeft, padBottom, padRight, dilationH, dilationW, g);
    }

    public Conv2dParams withDilation(int dh, int dw) {
        return new Conv2dParams(batch, inChannels, height, width, outChannels, kernelH, kernelW, strideH, strideW,
                padTop, padLeft, padBottom, padRight, dh, dw, groups);
    }

    public int outHeight() {
        return (height + padTop + padBottom - dilationH * (kernelH - 1) - 1) / strideH + 1;
    }

    public int outWidth() {
        return (width + padLeft + padRight - dilationW * (kernelW - 1) - 1) / strideW + 1;
    }

    public int inPerGroup() {
        return inChannels / groups;
    }

    public int outPerGroup() {
        return outChannels / groups;
    }

    public int inputSize() {
        return batch * inChannels * height * width;
    }

    public int weightSize() {
        return outChannels * inPerGroup() * kernelH * kernelW;
    }

    public int outputSize() {
        return batch * outChannels * outHeight() * outWidth();
    }

    /** Multiply-adds times two of the direct definition: the FLOPs every algorithm is credited with. */
    public double flops() {
        return 2.0 * batch * outChannels * outHeight() * outWidth() * inPerGroup() * kernelH * kernelW;
    }

    public boolean isDepthwise() {
        return groups == inChannels && groups > 1;
    }
}

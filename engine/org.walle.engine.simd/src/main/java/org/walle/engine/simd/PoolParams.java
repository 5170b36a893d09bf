package org.walle.engine.simd;

/** Geometry of 2D pooling on NCHW planes (floor rounding of the output size, as ONNX with ceil_mode = 0). */
public record PoolParams(int batch, int channels, int height, int width, int kernelH, int kernelW, int strideH,
        int strideW, int padTop, int padLeft, int padBottom, int padRight) {

    public PoolParams {
        if (batch < 1 || channels < 1 || height < 1 || width < 1 || kernelH < 1 || kernelW < 1 || strideH < 1
                || strideW < 1) {
            throw new IllegalArgumentException("pool sizes, kernel and strides must be >= 1: " + this);
        }
        if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) {
            throw new IllegalArgumentException("pool pads must be >= 0: " + this);
        }
        if (padTop >= kernelH || padBottom >= kernelH || padLeft >= kernelW || padRight >= kernelW) {
            throw new IllegalArgumentException("pool pads must be smaller than the kernel (a window would hold only"
                    + " padding): " + this);
        }
        if (height + padTop + padBottom < kernelH || width + padLeft + padRight < kernelW) {
            throw new IllegalArgumentException("pool kernel larger than the padded input: " + this);
        }
    }

    public static PoolParams of(int batch, int channels, int height, int width, int kernel, int stride, int pad) {
        return new PoolParams(batch, channels, height, width, kernel, kernel, stride, stride, pad, pad, pad, pad);
    }

    public int outHeight() {
        return (height + padTop + padBottom - kernelH) / strideH + 1;
    }

    public int outWidth() {
        return (width + padLeft + padRight - kernelW) / strideW + 1;
    }

    public int inputSize() {
        return batch * channels * height * width;
    }

    public int outputSize() {
        return batch * channels * outHeight() * outWidth();
    }
}

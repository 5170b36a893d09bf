package org.walle.pyvm.internal.api;

import java.awt.image.BufferedImage;

/** Pixel operations of walle.cv, on (H, W, C) float arrays. Public so Java pipelines can use the same code. */
public final class Images {
    private Images() {
    }

    public static NdArray fromImage(BufferedImage img, String mode) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
        NdArray out = new NdArray(new float[h * w * 3], new int[] {h, w, 3}, false);
        for (int i = 0; i < rgb.length; i++) {
            out.data[i * 3] = (rgb[i] >> 16) & 0xff;
            out.data[i * 3 + 1] = (rgb[i] >> 8) & 0xff;
            out.data[i * 3 + 2] = rgb[i] & 0xff;
        }
        return switch (mode) {
            case "RGB" -> out;
            case "BGR" -> convert(out, "RGB2BGR");
            case "GRAY" -> convert(out, "RGB2GRAY");
            default -> throw new IllegalArgumentException("mode must be RGB, BGR or GRAY, got " + mode);
        };
    }

    /** Bilinear resize with half-pixel centres (OpenCV INTER_LINEAR without its fixed-point rounding). */
    public static NdArray resize(NdArray img, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("resize to " + width + "x" + height);
        }
        int h = img.shape[0];
        int w = img.shape[1];
        int c = img.shape[2];
        float[] out = new float[height * width * c];
        double sy = (double) h / height;
        double sx = (double) w / width;
        for (int y = 0; y < height; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) fy, h - 1);
            int y1 = Math.min(y0 + 1, h - 1);
            double dy = fy - y0;
            for (int x = 0; x < width; x++) {
                double fx = Math.max(0, (x + 0.5) * sx - 0.5);
                int x0 = Math.min((int) fx, w - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                double dx = fx - x0;
                for (int k = 0; k < c; k++) {
                    double top = img.data[(y0 * w + x0) * c + k] * (1 - dx) + img.data[(y0 * w + x1) * c + k] * dx;
                    double bot = img.data[(y1 * w + x0) * c + k] * (1 - dx) + img.data[(y1 * w + x1) * c + k] * dx;
                    out[(y * width + x) * c + k] = (float) (top * (1 - dy) + bot * dy);
                }
            }
        }
        return new NdArray(out, new int[] {height, width, c}, false);
    }

    public static NdArray crop(NdArray img, int x, int y, int width, int height) {
        int h = img.shape[0];
        int w = img.shape[1];
        int c = img.shape[2];
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > w || y + height > h) {
            throw new IllegalArgumentException("crop (" + x + "," + y + " " + width + "x" + height
                    + ") is outside the " + w + "x" + h + " image");
        }
        float[] out = new float[width * height * c];
        for (int r = 0; r < height; r++) {
            System.arraycopy(img.data, ((y + r) * w + x) * c, out, r * width * c, width * c);
        }
        return new NdArray(out, new int[] {height, width, c}, false);
    }

    public static NdArray convert(NdArray img, String code) {
        int n = img.shape[0] * img.shape[1];
        int c = img.shape[2];
        switch (code) {
            case "RGB2BGR", "BGR2RGB" -> {
                need(c, 3, code);
                float[] out = img.data.clone();
                for (int i = 0; i < n; i++) {
                    out[i * 3] = img.data[i * 3 + 2];
                    out[i * 3 + 2] = img.data[i * 3];
                }
                return new NdArray(out, img.shape.clone(), false);
            }
            case "RGB2GRAY", "BGR2GRAY" -> {
                need(c, 3, code);
                boolean rgb = code.startsWith("RGB");
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    float r = img.data[i * 3 + (rgb ? 0 : 2)];
                    float g = img.data[i * 3 + 1];
                    float b = img.data[i * 3 + (rgb ? 2 : 0)];
                    out[i] = 0.299f * r + 0.587f * g + 0.114f * b;
                }
                return new NdArray(out, new int[] {img.shape[0], img.shape[1], 1}, false);
            }
            case "GRAY2RGB", "GRAY2BGR" -> {
                need(c, 1, code);
                float[] out = new float[n * 3];
                for (int i = 0; i < n; i++) {
                    out[i * 3] = out[i * 3 + 1] = out[i * 3 + 2] = img.data[i];
                }
                return new NdArray(out, new int[] {img.shape[0], img.shape[1], 3}, false);
            }
            default -> throw new IllegalArgumentException("unknown colour conversion '" + code
                    + "' (RGB2BGR, BGR2RGB, RGB2GRAY, BGR2GRAY, GRAY2RGB, GRAY2BGR)");
        }
    }

    private static void need(int c, int want, String code) {
        if (c != want) {
            throw new IllegalArgumentException(code + " needs " + want + " channel(s), the image has " + c);
        }
    }

    public static NdArray normalize(NdArray img, float[] mean, float[] std, float scale) {
        int c = img.shape[2];
        if ((mean.length != 1 && mean.length != c) || (std.length != 1 && std.length != c)) {
            throw new IllegalArgumentException("mean and std need 1 or " + c + " values");
        }
        float[] out = new float[img.size()];
        for (int i = 0; i < out.length; i++) {
            int k = i % c;
            out[i] = (img.data[i] * scale - mean[mean.length == 1 ? 0 : k]) / std[std.length == 1 ? 0 : k];
        }
        return new NdArray(out, img.shape.clone(), false);
    }

    public static NdArray toNchw(NdArray img) {
        int h = img.shape[0];
        int w = img.shape[1];
        int c = img.shape[2];
        float[] out = new float[img.size()];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < c; k++) {
                    out[(k * h + y) * w + x] = img.data[(y * w + x) * c + k];
                }
            }
        }
        return new NdArray(out, new int[] {1, c, h, w}, false);
    }
}

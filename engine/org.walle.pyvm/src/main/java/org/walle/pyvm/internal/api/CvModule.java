package org.walle.pyvm.internal.api;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.python.core.Py;
import org.python.core.PyModule;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyStringMap;
import org.walle.pyvm.TaskPackage;

/**
 * {@code walle.cv}: images are float32 ndarrays of shape (H, W, C) with values 0..255 (C = 3 for RGB/BGR, 1 for
 * GRAY). Decoding uses javax.imageio (PNG, JPEG, BMP, GIF); the pixel math is {@link Images}.
 */
final class CvModule {
    private CvModule() {
    }

    static PyModule create(TaskPackage pkg) {
        PyStringMap d = new PyStringMap();
        NpModule.put(d, "decode", "decode(data, mode='RGB') -> (H,W,C) image from PNG/JPEG bytes",
                a -> new PyArray(decode(bytes(a.required(0, "data")), a.get(1, "mode", new PyString("RGB")).toString())));
        NpModule.put(d, "imread", "imread(resource, mode='RGB') -> image decoded from a package resource", a -> {
            String name = a.required(0, "resource").toString();
            byte[] data = pkg.file(name).orElseThrow(() -> Py.IOError("no resource '" + name + "' in the task"));
            return new PyArray(decode(data, a.get(1, "mode", new PyString("RGB")).toString()));
        });
        NpModule.put(d, "resize", "resize(img, (width, height)) bilinear, half-pixel centres like cv2.INTER_LINEAR",
                a -> {
                    int[] wh = NpMethods.shape(a.required(1, "size"));
                    if (wh.length != 2) {
                        throw Py.ValueError("resize size must be (width, height)");
                    }
                    return new PyArray(Images.resize(img(a), wh[0], wh[1]));
                });
        NpModule.put(d, "crop", "crop(img, x, y, width, height)", a -> new PyArray(Images.crop(img(a),
                a.required(1, "x").asInt(), a.required(2, "y").asInt(), a.required(3, "width").asInt(),
                a.required(4, "height").asInt())));
        NpModule.put(d, "cvt_color", "cvt_color(img, 'RGB2BGR'|'BGR2RGB'|'RGB2GRAY'|'BGR2GRAY'|'GRAY2RGB')",
                a -> new PyArray(Images.convert(img(a), a.required(1, "code").toString())));
        NpModule.put(d, "normalize", "normalize(img, mean, std, scale=1/255.) -> (img*scale - mean)/std per channel",
                a -> new PyArray(Images.normalize(img(a), floats(a.required(1, "mean")), floats(a.required(2, "std")),
                        (float) a.get(3, "scale", Py.newFloat(1 / 255.0)).asDouble())));
        NpModule.put(d, "to_tensor", "to_tensor(img) -> (1, C, H, W) NCHW", a -> new PyArray(Images.toNchw(img(a))));
        return new PyModule("walle.cv", d);
    }

    private static NdArray img(Args a) {
        NdArray x = Values.toArray(a.required(0, "img"));
        if (x.rank() != 3) {
            throw Py.ValueError("an image must have shape (H, W, C), got rank " + x.rank());
        }
        return x;
    }

    private static float[] floats(PyObject o) {
        NdArray a = Values.toArray(o);
        return a.data.clone();
    }

    private static byte[] bytes(PyObject o) {
        if (!(o instanceof PyString)) {
            throw Py.TypeError("decode needs a byte string");
        }
        return o.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static NdArray decode(byte[] data, String mode) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(data));
        } catch (IOException e) {
            throw Py.ValueError("cannot decode image: " + e.getMessage());
        }
        if (img == null) {
            throw Py.ValueError("cannot decode image: not a PNG, JPEG, BMP or GIF");
        }
        return Images.fromImage(img, mode);
    }
}

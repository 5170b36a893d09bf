package org.walle.engine.tensor;

/** IEEE 754 binary16 conversions (Java 17 has no Float.float16ToFloat). */
public final class Half {
    private Half() {
    }

    public static float toFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h >>> 15) << 31;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            float value = mant * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Round-to-nearest-even conversion, with overflow to infinity and gradual underflow. */
    public static short fromFloat(float value) {
        int f = Float.floatToRawIntBits(value);
        int sign = (f >>> 16) & 0x8000;
        int exp = (f >>> 23) & 0xFF;
        int mant = f & 0x7FFFFF;
        if (exp == 0xFF) {
            return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;
            }
            int m = (mant | 0x800000) >> (1 - e);
            int rounded = (m + 0xFFF + ((m >> 13) & 1)) >> 13;
            return (short) (sign | rounded);
        }
        int rounded = ((e << 10) | (mant >> 13)) + roundBit(mant);
        return (short) (sign | rounded);
    }

    private static int roundBit(int mant) {
        int rest = mant & 0x1FFF;
        return rest > 0x1000 || (rest == 0x1000 && ((mant >> 13) & 1) == 1) ? 1 : 0;
    }
}

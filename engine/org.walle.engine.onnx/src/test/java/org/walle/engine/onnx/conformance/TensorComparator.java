package org.walle.engine.onnx.conformance;

import java.util.Optional;

import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Tensor;

/**
 * Compares an engine output with the expected ONNX test output. Tolerances: float32 |a-e| <= 1e-5 + 1e-3 |e|;
 * float16 |a-e| <= 1e-3 + 1e-2 |e| (one float16 ulp is ~1e-3 relative); NaN must match NaN, infinities must match
 * exactly; integers and booleans must be equal.
 */
final class TensorComparator {
    static final double FLOAT_RTOL = 1e-3;
    static final double FLOAT_ATOL = 1e-5;
    static final double HALF_RTOL = 1e-2;
    static final double HALF_ATOL = 1e-3;

    private TensorComparator() {
    }

    /** Empty if equal within tolerance, else a description of the first difference. */
    static Optional<String> compare(String name, Tensor expected, Tensor actual) {
        if (actual == null) {
            return Optional.of(name + ": no output produced");
        }
        if (expected.getDType() != actual.getDType()) {
            return Optional.of(name + ": dtype " + actual.getDType() + ", expected " + expected.getDType());
        }
        if (!expected.getShape().equals(actual.getShape())) {
            return Optional.of(name + ": shape " + actual.getShape() + ", expected " + expected.getShape());
        }
        boolean isFloat = expected.getDType() == DType.FLOAT32 || expected.getDType() == DType.FLOAT16;
        double rtol = expected.getDType() == DType.FLOAT16 ? HALF_RTOL : FLOAT_RTOL;
        double atol = expected.getDType() == DType.FLOAT16 ? HALF_ATOL : FLOAT_ATOL;
        for (int i = 0; i < expected.size(); i++) {
            boolean ok = isFloat ? close(expected.getDouble(i), actual.getDouble(i), rtol, atol)
                    : expected.getLong(i) == actual.getLong(i);
            if (!ok) {
                return Optional.of(name + ": element " + i + " is " + actual.getDouble(i) + ", expected "
                        + expected.getDouble(i));
            }
        }
        return Optional.empty();
    }

    static boolean close(double e, double a, double rtol, double atol) {
        if (Double.isNaN(e) || Double.isNaN(a)) {
            return Double.isNaN(e) && Double.isNaN(a);
        }
        if (Double.isInfinite(e) || Double.isInfinite(a)) {
            return e == a;
        }
        return Math.abs(a - e) <= atol + rtol * Math.abs(e);
    }
}

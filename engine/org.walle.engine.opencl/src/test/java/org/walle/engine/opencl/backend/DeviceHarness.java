package org.walle.engine.opencl.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.walle.engine.backend.Algorithm;
import org.walle.engine.backend.Creation;
import org.walle.engine.backend.Execution;
import org.walle.engine.backend.ref.Data;
import org.walle.engine.backend.ref.Operand;
import org.walle.engine.backend.ref.ReferenceBackend;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.opencl.OpenCl;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Runs single commands through the backend exactly as the runtime does (onCreate, the chosen algorithm's execution,
 * onCopyIn before, onCopyOut after) and through {@link ReferenceBackend#execute}, and compares. A missing OpenCL
 * device FAILS (CI installs PoCL), it does not skip.
 */
final class DeviceHarness {
    private static OpenClBackend shared;
    private int ids;

    static synchronized OpenClBackend backend() {
        assertTrue(OpenCl.isAvailable(), () -> "no OpenCL device (install pocl-opencl-icd): "
                + OpenCl.unavailableReason());
        if (shared == null) {
            shared = OpenClBackend.openBest();
        }
        return shared;
    }

    PlanTensor tensor(String name, long... dims) {
        return new PlanTensor(ids++, name, DType.FLOAT32, Shape.of(dims), PlanTensor.Kind.ARENA);
    }

    PlanTensor tensor(String name, DType dtype, long... dims) {
        return new PlanTensor(ids++, name, dtype, Shape.of(dims), PlanTensor.Kind.ARENA);
    }

    static float[] random(Random rnd, int n, float lo, float hi) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + rnd.nextFloat() * (hi - lo);
        }
        return x;
    }

    /** The algorithms the backend offers for {@code c} (fails if it declines). */
    static List<Algorithm> algorithms(Command c) {
        Creation created = backend().onCreate(c);
        if (created instanceof Creation.Unsupported u) {
            fail(c.op() + " unexpectedly unsupported: " + u.reason());
        }
        return ((Creation.Supported) created).algorithms();
    }

    static float[][] device(Command c, float[]... inputs) {
        return device(c, algorithms(c).get(0), inputs);
    }

    /** The device's outputs; inputs copied in through onCopyIn, outputs out through onCopyOut. */
    static float[][] device(Command c, Algorithm algorithm, float[]... inputs) {
        OpenClBackend b = backend();
        Execution e = algorithm.create();
        List<PlanTensor> ins = c.inputs();
        for (int i = 0; i < inputs.length; i++) {
            b.onCopyIn(ins.get(i).storageOwner(), Data.floats(inputs[i]));
        }
        e.onExecute(new Operand[0], new Operand[0]);
        float[][] out = new float[c.outputs().size()][];
        for (int i = 0; i < out.length; i++) {
            // longer than the tensor, as pooled host buffers are: only the tensor's elements may be written
            out[i] = new float[c.outputs().get(i).elements() + 3];
            java.util.Arrays.fill(out[i], 42f);
            b.onCopyOut(c.outputs().get(i).storageOwner(), Data.floats(out[i]));
            for (int j = c.outputs().get(i).elements(); j < out[i].length; j++) {
                assertEquals(42f, out[i][j], "copy-out wrote past the tensor");
            }
        }
        return out;
    }

    static float[][] reference(Command c, float[]... inputs) {
        Operand[] in = new Operand[inputs.length];
        for (int i = 0; i < in.length; i++) {
            in[i] = new Operand(Data.floats(inputs[i].clone()), 0);
        }
        Operand[] out = new Operand[c.outputs().size()];
        float[][] result = new float[out.length][];
        for (int i = 0; i < out.length; i++) {
            result[i] = new float[c.outputs().get(i).elements()];
            out[i] = new Operand(Data.floats(result[i]), 0);
        }
        ReferenceBackend.execute(c, in, out);
        return result;
    }

    /**
     * Typed operands (bool, int64, float16 ...): device and reference must agree exactly, element by element
     * (these commands only move, compare or select values).
     */
    static void assertSameTyped(Command c, Tensor... inputs) {
        Operand[] refIn = new Operand[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            refIn[i] = new Operand(Data.of(copy(inputs[i])), 0);
        }
        Tensor[] want = new Tensor[c.outputs().size()];
        Operand[] refOut = new Operand[want.length];
        for (int i = 0; i < want.length; i++) {
            want[i] = Tensor.zeros(c.outputs().get(i).dtype(), c.outputs().get(i).shape());
            refOut[i] = new Operand(Data.of(want[i]), 0);
        }
        ReferenceBackend.execute(c, refIn, refOut);
        OpenClBackend b = backend();
        for (Algorithm a : algorithms(c)) {
            Execution e = a.create();
            for (int i = 0; i < inputs.length; i++) {
                b.onCopyIn(c.inputs().get(i).storageOwner(), Data.of(inputs[i]));
            }
            e.onExecute(new Operand[0], new Operand[0]);
            for (int o = 0; o < want.length; o++) {
                Tensor got = Tensor.zeros(want[o].getDType(), want[o].getShape());
                b.onCopyOut(c.outputs().get(o).storageOwner(), Data.of(got));
                for (int i = 0; i < want[o].size(); i++) {
                    String where = describe(c) + " with " + a.name() + " output " + o + " element " + i;
                    if (want[o].getDType() == DType.INT64) {
                        assertEquals(want[o].getLong(i), got.getLong(i), where);
                    } else {
                        assertEquals(want[o].getDouble(i), got.getDouble(i), 0.0, where);
                    }
                }
            }
        }
    }

    private static Tensor copy(Tensor t) {
        Tensor out = Tensor.zeros(t.getDType(), t.getShape());
        Data from = Data.of(t);
        Data to = Data.of(out);
        for (int i = 0; i < t.size(); i++) {
            to.copy(i, from, i);
        }
        return out;
    }

    /**
     * Device against reference: |device - reference| <= atol + rtol * |reference| for every element. NaN must
     * match NaN.
     */
    static void assertAgrees(Command c, double rtol, double atol, float[]... inputs) {
        float[][] want = reference(c, inputs);
        for (Algorithm a : algorithms(c)) {
            assertTrue(a.estimatedSeconds() > 0 && Double.isFinite(a.estimatedSeconds()), a.toString());
            compare(c, a.name(), want, device(c, a, inputs), rtol, atol, inputs);
        }
    }

    private static void compare(Command c, String algorithm, float[][] want, float[][] got, double rtol, double atol,
            float[][] inputs) {
        for (int o = 0; o < want.length; o++) {
            for (int i = 0; i < want[o].length; i++) {
                float e = want[o][i];
                float g = got[o][i];
                if (Float.isNaN(e) || Float.isNaN(g)) {
                    assertEquals(Float.isNaN(e), Float.isNaN(g), c + " output " + o + " element " + i + ": " + g);
                    continue;
                }
                if (Float.isInfinite(e)) {
                    assertEquals(e, g, c + " element " + i);
                    continue;
                }
                assertEquals(e, g, atol + rtol * Math.abs(e), describe(c) + " with " + algorithm + " output " + o
                        + " element " + i
                        + (inputs.length > 0 && i < inputs[0].length ? " (x=" + inputs[0][i] + ")" : ""));
            }
        }
    }

    static String describe(Command c) {
        return c.op() + " " + c.params();
    }

    static String unsupportedReason(Command c) {
        return assertInstanceOf(Creation.Unsupported.class, backend().onCreate(c), () -> c + " should not run on"
                + " OpenCL").reason();
    }

    Command command(AtomicOp op, List<PlanTensor> in, List<PlanTensor> out, Params p) {
        return new Command(op, "test", in, out, p);
    }
}

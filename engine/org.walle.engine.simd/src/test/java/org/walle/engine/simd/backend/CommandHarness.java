package org.walle.engine.simd.backend;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.walle.engine.backend.Algorithm;
import org.walle.engine.backend.BackendConfig;
import org.walle.engine.backend.Creation;
import org.walle.engine.backend.ref.Data;
import org.walle.engine.backend.ref.Operand;
import org.walle.engine.backend.ref.ReferenceBackend;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.simd.MachineSpeed;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/**
 * Builds commands over random float32 operands and checks every algorithm cpu-simd offers against
 * {@link ReferenceBackend#execute} on the same inputs. Operand arrays are deliberately LONGER than their tensors
 * (pooled buffers are) and outputs start as NaN, so a kernel that reads or writes by array length, or leaves an
 * element unwritten, fails.
 */
final class CommandHarness {
    /** A fixed machine so costs (and which algorithms are offered) do not depend on the test host. */
    static final MachineSpeed SPEED = new MachineSpeed(20, 36, 2, 5);
    private static final int SLACK = 7;
    private final Random random;
    private int ids;

    CommandHarness(long seed) {
        this.random = new Random(seed);
    }

    static SimdBackend backend(int threads) {
        return new SimdBackend(new BackendConfig(threads), SPEED);
    }

    PlanTensor tensor(long... dims) {
        return new PlanTensor(ids++, "t" + ids, DType.FLOAT32, Shape.of(dims), PlanTensor.Kind.ARENA);
    }

    PlanTensor tensor(DType dtype, long... dims) {
        return new PlanTensor(ids++, "t" + ids, dtype, Shape.of(dims), PlanTensor.Kind.ARENA);
    }

    PlanTensor constant(long... dims) {
        float[] v = new float[Math.toIntExact(Shape.of(dims).size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextFloat() * 2 - 1;
        }
        return PlanTensor.constant(ids++, "c" + ids, Tensor.wrap(Shape.of(dims), v));
    }

    static Command command(AtomicOp op, List<PlanTensor> in, List<PlanTensor> out, Params params) {
        return new Command(op, "node", in, out, params);
    }

    /** Random inputs in [-1, 1) (constants as themselves), fresh for every call. */
    Operand[] inputs(Command c) {
        Operand[] in = new Operand[c.inputs().size()];
        for (int i = 0; i < in.length; i++) {
            PlanTensor t = c.inputs().get(i);
            if (t.kind() == PlanTensor.Kind.CONSTANT) {
                in[i] = new Operand(Data.of(t.constant()), 0);
            } else if (t.dtype() == DType.BOOL) {
                Data flags = Data.allocate(DType.BOOL, t.elements() + SLACK);
                for (int j = 0; j < t.elements() + SLACK; j++) {
                    flags.setLong(j, random.nextBoolean() ? 1 : 0);
                }
                in[i] = new Operand(flags, 0);
            } else {
                float[] v = new float[t.elements() + SLACK];
                for (int j = 0; j < v.length; j++) {
                    v[j] = random.nextFloat() * 2 - 1;
                }
                in[i] = new Operand(Data.floats(v), 0);
            }
        }
        return in;
    }

    static Operand[] copy(Operand[] in) {
        Operand[] out = new Operand[in.length];
        for (int i = 0; i < in.length; i++) {
            float[] a = in[i].floats();
            // non-float inputs (a BOOL condition) are only read: sharing them is safe
            out[i] = a == null ? in[i] : new Operand(Data.floats(a.clone()), in[i].offset());
        }
        return out;
    }

    static Operand[] outputs(Command c) {
        Operand[] out = new Operand[c.outputs().size()];
        for (int i = 0; i < out.length; i++) {
            float[] v = new float[c.outputs().get(i).elements() + SLACK];
            Arrays.fill(v, Float.NaN);
            out[i] = new Operand(Data.floats(v), 0);
        }
        return out;
    }

    /**
     * Runs {@code c} with every algorithm the backend offers and with the reference kernel; asserts that each
     * agrees within {@code tolerance} relative to the largest |reference value| (at least 1) and returns the
     * names of the algorithms checked.
     */
    List<String> check(Command c, SimdBackend backend, double tolerance) {
        Creation creation = backend.onCreate(c);
        if (!(creation instanceof Creation.Supported supported)) {
            fail("cpu-simd refused " + c + ": " + ((Creation.Unsupported) creation).reason());
            return List.of();
        }
        Operand[] in = inputs(c);
        Operand[] expected = outputs(c);
        ReferenceBackend.execute(c, copy(in), expected);
        List<String> names = new ArrayList<>();
        for (Algorithm a : supported.algorithms()) {
            assertTrue(a.estimatedSeconds() > 0 && Double.isFinite(a.estimatedSeconds()), a + " has a bad estimate");
            Operand[] actual = outputs(c);
            Operand[] inCopy = copy(in);
            var execution = a.create();
            execution.onExecute(inCopy, actual);
            // a second run on the same prepared execution must agree too (scratch reuse); not bit-exactly: the JIT may
            // have swapped the Vector API's Java fallback of EXP and friends for an intrinsic a few ulp away
            Operand[] again = outputs(c);
            execution.onExecute(inCopy, again);
            for (int o = 0; o < expected.length; o++) {
                int n = c.outputs().get(o).elements();
                String what = a.name() + " threads=" + backend.threads() + " output " + o + " of " + c;
                assertClose(expected[o].floats(), actual[o].floats(), n, tolerance, what);
                assertClose(expected[o].floats(), again[o].floats(), n, tolerance, what + " (second run)");
                for (int j = n; j < n + SLACK; j++) {
                    assertTrue(Float.isNaN(actual[o].floats()[j]), what + " wrote past its tensor at " + j);
                }
            }
            for (int i = 0; i < in.length; i++) {
                if (in[i].floats() == null) {
                    continue;
                }
                assertClose(in[i].floats(), inCopy[i].floats(), in[i].floats().length, 0, a.name() + " input " + i
                        + " must not change");
            }
            names.add(a.name());
        }
        return names;
    }

    static void assertClose(float[] expected, float[] actual, int n, double tolerance, String what) {
        double scale = 1;
        for (int i = 0; i < n; i++) {
            if (Float.isFinite(expected[i])) {
                scale = Math.max(scale, Math.abs(expected[i]));
            }
        }
        for (int i = 0; i < n; i++) {
            float e = expected[i];
            float a = actual[i];
            boolean same = Float.compare(e, a) == 0 || Math.abs(e - a) <= tolerance * scale;
            if (!same) {
                fail(what + ": element " + i + " expected " + e + " got " + a + " (tolerance " + tolerance
                        + " x " + scale + ")");
            }
        }
    }

    Random random() {
        return random;
    }
}

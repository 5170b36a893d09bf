package org.walle.engine.backend.ref;

import java.util.List;

import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;

/**
 * How fast the scalar kernels run on this machine: a 64^3 MatMul and a 256 K-element copy through the reference
 * kernels themselves, best of a few runs, measured once per process (a few milliseconds).
 */
public record ReferenceSpeed(double flopsPerSecond, double bytesPerSecond) {
    private static volatile ReferenceSpeed measured;

    public static ReferenceSpeed measured() {
        ReferenceSpeed s = measured;
        if (s == null) {
            synchronized (ReferenceSpeed.class) {
                if (measured == null) {
                    measured = measure();
                }
                s = measured;
            }
        }
        return s;
    }

    private static ReferenceSpeed measure() {
        int n = 64;
        Command matMul = new Command(AtomicOp.MATMUL, "calibration", List.of(tensor(0, n * n), tensor(1, n * n)),
                List.of(tensor(2, n * n)), Params.MatMul.plain(n, n, n));
        double gemmSeconds = best(matMul, 2, 5);
        int elements = 256 * 1024;
        Command copy = new Command(AtomicOp.UNARY, "calibration", List.of(tensor(3, elements)),
                List.of(tensor(4, elements)), Params.Unary.of(Params.UnaryKind.IDENTITY));
        double copySeconds = best(copy, 1, 3);
        return new ReferenceSpeed(2.0 * n * n * n / gemmSeconds, 8.0 * elements / copySeconds);
    }

    private static double best(Command c, int inputs, int runs) {
        Operand[] in = new Operand[inputs];
        for (int i = 0; i < inputs; i++) {
            in[i] = new Operand(Data.allocate(DType.FLOAT32, c.inputs().get(i).elements()), 0);
        }
        Operand[] out = {new Operand(Data.allocate(DType.FLOAT32, c.outputs().get(0).elements()), 0)};
        long best = Long.MAX_VALUE;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            ReferenceBackend.execute(c, in, out);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return Math.max(best, 1000) / 1e9;
    }

    private static PlanTensor tensor(int id, int elements) {
        return new PlanTensor(id, "calibration" + id, DType.FLOAT32, Shape.of(elements), PlanTensor.Kind.ARENA);
    }
}

package org.walle.engine.simd.backend;

import java.util.ArrayList;
import java.util.List;

import org.walle.engine.backend.Backend;
import org.walle.engine.backend.BackendConfig;
import org.walle.engine.backend.Creation;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.simd.MachineSpeed;
import org.walle.engine.tensor.DType;

/**
 * The cpu-simd backend: float32 commands on the Vector API kernels and the shared thread pool, each priced with
 * the calibrated {@link MachineSpeed} through the module's cost formulas. Commands it has no kernel for (other
 * dtypes, index-driven ops, unusual modes) are answered "unsupported" with the reason, and the search runs them on
 * the reference backend in the same host arrays, without copies.
 */
public final class SimdBackend implements Backend {
    private final Env env;

    /** Priced with this machine's cached calibration (measured once per process when there is none). */
    public SimdBackend(BackendConfig config) {
        this(config, SimdSpeed.get());
    }

    /** Priced with given speeds: benchmarks and tests that need a particular machine. */
    public SimdBackend(BackendConfig config, MachineSpeed speed) {
        this.env = new Env(speed, config.threads());
    }

    @Override
    public String name() {
        return SimdBackendProvider.NAME;
    }

    @Override
    public boolean hostMemory() {
        return true;
    }

    public int threads() {
        return env.threads();
    }

    public MachineSpeed speed() {
        return env.speed();
    }

    @Override
    public Creation onCreate(Command command) {
        try {
            String notFloat = nonFloat(command);
            if (notFloat != null) {
                return Creation.unsupported(notFloat + " operands: cpu-simd kernels are float32");
            }
            return switch (command.op()) {
                case RASTER -> RasterCopy.create(command, env);
                case UNARY -> ElementwiseAlgorithms.unary(command, env);
                case BINARY -> ElementwiseAlgorithms.binary(command, env);
                case SELECT -> ElementwiseAlgorithms.select(command, env);
                case REDUCE -> NormAlgorithms.reduce(command, env);
                case SOFTMAX -> NormAlgorithms.softmax(command, env);
                case LAYER_NORM -> NormAlgorithms.layerNorm(command, env);
                case POOL -> PoolAlgorithms.create(command, env);
                case MATMUL -> MatMulAlgorithms.matMul(command, env);
                case LOOP -> MatMulAlgorithms.loop(command, env);
                case CONV, CONV_DEPTHWISE -> ConvAlgorithms.create(command, env);
                case CONV_TRANSPOSE -> ConvTransposeAlgorithms.create(command, env);
                case RESIZE -> ResizeAlgorithms.create(command, env);
                default -> Creation.unsupported("no cpu-simd kernel for " + command.op());
            };
        } catch (RuntimeException e) {
            // the SPI forbids throwing here: a surprise in a command becomes a reason the report shows
            return Creation.unsupported("cpu-simd cannot plan " + command.op() + ": " + e);
        }
    }

    /** The lower-case name of the first operand type that is not float32, or null when all are. */
    private static String nonFloat(Command c) {
        List<PlanTensor> operands = new ArrayList<>();
        if (c.op() == AtomicOp.LOOP) {
            Command body = ((Params.Loop) c.params()).body();
            operands.addAll(body.inputs());
            operands.addAll(body.outputs());
        } else if (c.op() == AtomicOp.SELECT && c.inputs().get(0).dtype() == DType.BOOL) {
            operands.addAll(c.inputs().subList(1, c.inputs().size())); // the condition is BOOL by definition
            operands.addAll(c.outputs());
        } else {
            operands.addAll(c.inputs());
            operands.addAll(c.outputs());
        }
        for (PlanTensor t : operands) {
            if (t != null && t.dtype() != DType.FLOAT32) {
                return t.dtype().name().toLowerCase();
            }
        }
        return null;
    }

    /**
     * Dispatch plus the operand checks; kernels fork to the pool only above a grain of work, whose wake-up is small
     * against that work, so the overhead does not grow with the thread count.
     */
    @Override
    public double overheadSeconds() {
        return 3e-7;
    }

    @Override
    public double copySeconds(long bytes) {
        return 0;
    }
}

package org.walle.engine.decompose;

import java.util.Arrays;
import java.util.List;

import org.walle.engine.tensor.DType;

/** The parameters of one {@link Command}, one record per {@link AtomicOp}. Sizes are resolved (no dynamic dims). */
public sealed interface Params {

    /** Element functions of {@link AtomicOp#UNARY}; alpha/beta are the ONNX attributes of the same name. */
    enum UnaryKind {
        // arithmetic
        IDENTITY, ABS, NEG, FLOOR, CEIL, ROUND, SQRT, RECIPROCAL, EXP, LOG, ERF, SIGN, CLIP,
        // trigonometric
        SIN, COS, TAN, ASIN, ACOS, ATAN, SINH, COSH, TANH, ASINH, ACOSH, ATANH,
        // activations
        RELU, LEAKY_RELU, ELU, SELU, CELU, SIGMOID, HARD_SIGMOID, HARD_SWISH, SOFTPLUS, SOFTSIGN, GELU, GELU_TANH,
        MISH, THRESHOLDED_RELU, SHRINK,
        // logic and type
        NOT, BITWISE_NOT, IS_NAN, IS_INF, CAST
    }

    /** Element functions of {@link AtomicOp#BINARY}. */
    enum BinaryKind {
        ADD, SUB, MUL, DIV, POW, MAX, MIN, MOD, FMOD, PRELU,
        EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, AND, OR, XOR,
        BITWISE_AND, BITWISE_OR, BITWISE_XOR, SHIFT_LEFT, SHIFT_RIGHT
    }

    /** Reductions of {@link AtomicOp#REDUCE}; ARGMAX/ARGMIN write INT64 indices. */
    enum ReduceKind {
        SUM, MEAN, MAX, MIN, PROD, ARGMAX, ARGMIN
    }

    record Raster(List<Region> regions, Double fill) implements Params {
        public Raster {
            regions = List.copyOf(regions);
        }
    }

    /** alpha/beta as the ONNX attributes; for CLIP they are min/max; for IS_INF alpha/beta flag +inf/-inf. */
    record Unary(UnaryKind kind, float alpha, float beta, DType target) implements Params {
        public static Unary of(UnaryKind kind) {
            return new Unary(kind, 0, 0, null);
        }
    }

    /**
     * {@code y = a kind b}; both operands have the output's size unless {@code broadcast} says one of them holds fewer
     * values (null: none does).
     */
    record Binary(BinaryKind kind, Broadcast broadcast) implements Params {
        public Binary(BinaryKind kind) {
            this(kind, null);
        }

        /** How many values operand {@code i} holds when the output has {@code n}. */
        public int operandSize(int i, int n) {
            return broadcast != null && broadcast.operand() == i ? broadcast.mid() : n;
        }

        @Override
        public String toString() {
            return "Binary[" + kind + (broadcast == null ? "" : ", " + broadcast) + "]";
        }
    }

    /**
     * A BINARY operand read with repetition: the output seen as {@code outer x mid x inner} reads element
     * {@code (o, m, i)} of operand {@code operand} at {@code m} (a scalar: mid 1; a per-channel NCHW operand: outer N,
     * mid C, inner H*W). Fused by the planner from a RASTER that only repeated that operand.
     */
    record Broadcast(int operand, int outer, int mid, int inner) {
        public Broadcast {
            if (operand < 0 || operand > 1 || outer < 1 || mid < 1 || inner < 1) {
                throw new IllegalArgumentException("broadcast of operand " + operand + " over " + outer + "x" + mid
                        + "x" + inner);
            }
        }

        /** The operand's index for output element {@code i}. */
        public int index(int i) {
            return (i / inner) % mid;
        }

        /** "operand 1 repeated: 1 x [4] x 15" */
        @Override
        public String toString() {
            return "operand " + operand + " repeated: " + outer + " x [" + mid + "] x " + inner;
        }
    }

    record Select() implements Params {
    }

    record Reduce(ReduceKind kind, int outer, int axis, int inner, boolean selectLastIndex) implements Params {
    }

    /** {@code C = alpha * op(A) x op(B) + beta * bias}; bias (third input, optional) has C's size. */
    record MatMul(int m, int n, int k, boolean transA, boolean transB, float alpha, float beta) implements Params {
        public static MatMul plain(int m, int n, int k) {
            return new MatMul(m, n, k, false, false, 1f, 1f);
        }
    }

    /** kind is "max", "avg" or "lp"; pads as begin/end per spatial axis. */
    record Pool(String kind, int[] kernel, int[] strides, int[] padsBegin, int[] padsEnd, int[] dilations,
            boolean countIncludePad, int p) implements Params {
        @Override
        public String toString() {
            return "Pool[" + kind + " kernel=" + Arrays.toString(kernel) + " strides=" + Arrays.toString(strides)
                    + " pads=" + Arrays.toString(padsBegin) + Arrays.toString(padsEnd) + " dilations="
                    + Arrays.toString(dilations) + "]";
        }
    }

    /**
     * Runs {@code body} {@code count} times. {@code steps[j]} moves body operand j (inputs then outputs) each
     * iteration; index tensors a step reads follow the body's inputs in the loop's input list.
     */
    record Loop(int count, Command body, List<Step> steps) implements Params {
        public Loop {
            steps = List.copyOf(steps);
        }
    }

    /**
     * How a loop operand's offset moves: iteration i adds {@code table[i]} if a table is given, else
     * {@code index[i] * stride} if {@code indexInput >= 0} (negative indices count from {@code axisDim}), else
     * {@code i * stride}.
     */
    record Step(int stride, int indexInput, int axisDim, int[] table) {
        public static Step linear(int stride) {
            return new Step(stride, -1, 0, null);
        }

        public static Step indexed(int indexInput, int stride, int axisDim) {
            return new Step(stride, indexInput, axisDim, null);
        }

        public static Step table(int[] offsets) {
            return new Step(0, -1, 0, offsets.clone());
        }

        @Override
        public String toString() {
            return table != null ? "table" + Arrays.toString(table)
                    : indexInput >= 0 ? "index#" + indexInput + "*" + stride : "i*" + stride;
        }
    }

    /**
     * {@code activation} (null: none) is an element function applied to every output as it is written: a UNARY the
     * planner fused into the convolution before it.
     */
    record Conv(int group, int[] kernel, int[] strides, int[] padsBegin, int[] dilations, int[] outputPadding,
            Unary activation) implements Params {
        public Conv(int group, int[] kernel, int[] strides, int[] padsBegin, int[] dilations, int[] outputPadding) {
            this(group, kernel, strides, padsBegin, dilations, outputPadding, null);
        }

        public Conv withActivation(Unary unary) {
            return new Conv(group, kernel, strides, padsBegin, dilations, outputPadding, unary);
        }

        @Override
        public String toString() {
            return "Conv[group=" + group + " kernel=" + Arrays.toString(kernel) + " strides=" + Arrays.toString(strides)
                    + " pads=" + Arrays.toString(padsBegin) + " dilations=" + Arrays.toString(dilations)
                    + (activation == null ? "" : " then " + activation.kind()) + "]";
        }
    }

    /** mode is "softmax", "log" or "hard". */
    record Softmax(String mode, int outer, int axis, int inner) implements Params {
    }

    record LayerNorm(int outer, int inner, float epsilon) implements Params {
    }

    /**
     * mode "nearest"/"linear"/"cubic"; coordinate is the ONNX coordinate_transformation_mode; nearest the ONNX
     * nearest_mode; scales one per axis (output/input unless given).
     */
    record Resize(String mode, String coordinate, String nearest, float cubicCoeff, boolean excludeOutside,
            float extrapolation, float[] scales, float[] roi) implements Params {
    }

    /** kind is "cumsum" (flags: exclusive, reverse) or "topk" (flags: largest, sorted; k). */
    record ScanAxis(String kind, int outer, int axis, int inner, boolean flagA, boolean flagB, int k) implements Params {
    }

    /** kind: gather_elements, scatter_elements, gather_nd, scatter_nd; reduction: none/add/mul/max/min. */
    record IndexedCopy(String kind, int axis, int batchDims, String reduction) implements Params {
    }
}

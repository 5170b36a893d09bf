package org.walle.engine.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.walle.engine.ops.OpHarness.op;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.walle.engine.graph.GraphException;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Shape;
import org.walle.engine.tensor.Tensor;

/** Ops with no kernel of their own (compositions of atomic ops and regions), against hand-computed values. */
class ComposedOpsTest {

    @Test
    void oneHotWrapsNegativeIndicesAlongTheAxis() {
        Tensor idx = Tensor.ofLongs(Shape.of(3), 0, 2, -1);
        Tensor y = op("OneHot").in(idx).constant(Tensor.ofLongs(Shape.scalar(), 3)).constant(Tensor.of(Shape.of(2), -1, 5))
                .attr("axis", 0L).run();
        assertEquals(Shape.of(3, 3), y.getShape());
        // axis 0: y[k][i] = on if idx[i] == k
        assertArrayEquals(new float[] {5, -1, -1, -1, -1, -1, -1, 5, 5}, y.toFloatArray());
    }

    @Test
    void quantizeRoundsHalfToEvenAndSaturates() {
        Tensor x = Tensor.of(Shape.of(5), 0f, 1f, 3f, 300f, -10f);
        Tensor y = op("QuantizeLinear").in(x).constant(Tensor.of(Shape.scalar(), 2f))
                .constant(Tensor.wrap(DType.UINT8, Shape.scalar(), new byte[] {10})).run();
        assertEquals(DType.UINT8, y.getDType());
        // 0/2=0 -> 10; 0.5 -> 0 (even) -> 10; 1.5 -> 2 -> 12; 150+10=160; -5+10=5
        assertArrayEquals(new float[] {10, 10, 12, 160, 5}, y.toFloatArray());
        Tensor back = op("DequantizeLinear").in(y).constant(Tensor.of(Shape.scalar(), 2f))
                .constant(Tensor.wrap(DType.UINT8, Shape.scalar(), new byte[] {10})).run();
        assertArrayEquals(new float[] {0, 0, 4, 300, -10}, back.toFloatArray());
    }

    @Test
    void compressKeepsTheFlaggedSlices() {
        Tensor x = Tensor.of(Shape.of(3, 2), 1, 2, 3, 4, 5, 6);
        Tensor cond = Tensor.wrap(DType.BOOL, Shape.of(3), new byte[] {1, 0, 1});
        assertArrayEquals(new float[] {1, 2, 5, 6}, op("Compress").in(x).constant(cond).attr("axis", 0L).run().toFloatArray());
        assertArrayEquals(new float[] {1, 3}, op("Compress").in(x).constant(cond).run().toFloatArray(), "flattened input");
    }

    @Test
    void reverseSequenceReversesOnlyEachLength() {
        Tensor x = Tensor.of(Shape.of(3, 2), 1, 10, 2, 20, 3, 30); // [time, batch]
        Tensor lens = Tensor.ofLongs(Shape.of(2), 3, 2);
        Tensor y = op("ReverseSequence").in(x).constant(lens).attr("time_axis", 0L).attr("batch_axis", 1L).run();
        assertArrayEquals(new float[] {3, 20, 2, 10, 1, 30}, y.toFloatArray());
    }

    @Test
    void nllLossHonoursWeightsAndIgnoreIndex() {
        Tensor logp = Tensor.of(Shape.of(3, 2), -1, -2, -3, -4, -5, -6);
        Tensor target = Tensor.ofLongs(Shape.of(3), 1, 0, 1);
        Tensor w = Tensor.of(Shape.of(2), 2, 3);
        Tensor none = op("NegativeLogLikelihoodLoss").in(logp).in(target).in(w).attr("reduction", "none").run();
        assertArrayEquals(new float[] {6, 6, 18}, none.toFloatArray());
        Tensor mean = op("NegativeLogLikelihoodLoss").in(logp).in(target).in(w).attr("ignore_index", 0L).run();
        // rows 0 and 2 count: (6 + 18) / (3 + 3)
        assertEquals(4f, mean.get(0), 1e-6f);
    }

    @Test
    void rnnUnrollsOverTheSequenceAndRefusesVariantsItLacks() {
        Tensor x = Tensor.of(Shape.of(2, 1, 1), 1, 2);
        Tensor w = Tensor.of(Shape.of(1, 1, 1), 0.5f);
        Tensor r = Tensor.of(Shape.of(1, 1, 1), 1f);
        List<Tensor> out = op("RNN").in(x).in(w).in(r).attr("hidden_size", 1L).outputs(2).runAll();
        double h1 = Math.tanh(0.5);
        double h2 = Math.tanh(1 + h1);
        assertArrayEquals(new float[] {(float) h1, (float) h2}, out.get(0).toFloatArray(), 1e-6f);
        assertEquals(Shape.of(2, 1, 1, 1), out.get(0).getShape());
        assertArrayEquals(new float[] {(float) h2}, out.get(1).toFloatArray(), 1e-6f);
        List<Tensor> back = op("RNN").in(x).in(w).in(r).attr("hidden_size", 1L).attr("direction", "reverse").outputs(2).runAll();
        assertEquals(Math.tanh(1), back.get(0).get(1), 1e-6, "reverse starts at the last step");
        // layout 1 (batch-major): the same sequence as [batch 1, seq 2, input 1]; Y is [batch, seq, dirs, hidden]
        List<Tensor> batchMajor = op("RNN").in(Tensor.of(Shape.of(1, 2, 1), 1, 2)).in(w).in(r).attr("hidden_size", 1L)
                .attr("layout", 1L).outputs(2).runAll();
        assertEquals(Shape.of(1, 2, 1, 1), batchMajor.get(0).getShape());
        assertArrayEquals(new float[] {(float) h1, (float) h2}, batchMajor.get(0).toFloatArray(), 1e-6f);
        assertThrows(UnsupportedOpException.class, () -> op("RNN").in(x).in(w).in(r).attr("clip", 1f).run());
    }

    @Test
    void lrnMatchesItsFormula() {
        Tensor x = Tensor.of(Shape.of(1, 3, 1, 1), 1, 2, 3);
        Tensor y = op("LRN").in(x).attr("size", 3L).attr("alpha", 3f).attr("beta", 1f).attr("bias", 1f).run();
        // channel 1 window {1,2,3}: 1 + 3/3 * 14 = 15; channel 0 window {1,2}: 1 + 5 = 6; channel 2 {2,3}: 14
        assertArrayEquals(new float[] {1f / 6, 2f / 15, 3f / 14}, y.toFloatArray(), 1e-6f);
    }

    @Test
    void constantsOfShapeRangeAndWindows() {
        Tensor fill = op("ConstantOfShape").in(Tensor.ofLongs(Shape.of(2), 2, 2))
                .attr("value", Tensor.ofInts(Shape.of(1), 7)).run();
        assertEquals(DType.INT32, fill.getDType());
        assertArrayEquals(new float[] {7, 7, 7, 7}, fill.toFloatArray());
        Tensor r = op("Range").in(Tensor.ofLongs(Shape.scalar(), 10)).in(Tensor.ofLongs(Shape.scalar(), 4))
                .in(Tensor.ofLongs(Shape.scalar(), -3)).run();
        assertArrayEquals(new float[] {10, 7}, r.toFloatArray());
        Tensor hann = op("HannWindow").in(Tensor.ofLongs(Shape.scalar(), 4)).run();
        assertArrayEquals(new float[] {0, 0.5f, 1, 0.5f}, hann.toFloatArray(), 1e-6f);
    }

    @Test
    void hostileInputsGetErrorsNamingTheNode() {
        Tensor x = Tensor.zeros(Shape.of(2, 3));
        GraphException reshape = assertThrows(GraphException.class,
                () -> op("Reshape").in(x).constant(Tensor.ofLongs(Shape.of(2), 4, -1)).run());
        assertEquals("node", reshape.where());
        assertTrue(reshape.getMessage().contains("cannot reshape"), reshape.getMessage());
        assertThrows(GraphException.class, () -> op("Transpose").in(x).attr("perm", new long[] {0, 0}).run());
        assertThrows(GraphException.class, () -> op("Concat").in(x).in(Tensor.zeros(Shape.of(3, 3))).attr("axis", 1L).run());
        assertThrows(GraphException.class, () -> op("Slice").in(x).constant(Tensor.ofLongs(Shape.of(1), 0))
                .constant(Tensor.ofLongs(Shape.of(1), 1)).constant(Tensor.ofLongs(Shape.of(1), 5)).run(), "axis out of range");
        assertThrows(GraphException.class, () -> op("Gather").in(x).constant(Tensor.ofLongs(Shape.of(1), 7)).run());
        assertThrows(GraphException.class, () -> op("Conv").in(x).in(Tensor.zeros(Shape.of(1, 1, 1))).run());
        assertThrows(GraphException.class, () -> op("MatMul").in(x).in(Tensor.zeros(Shape.of(2, 3))).run());
        UnsupportedOpException dropout = assertThrows(UnsupportedOpException.class, () -> op("Dropout").in(x)
                .constant(Tensor.of(Shape.scalar(), 0.5f)).constant(Tensor.wrap(DType.BOOL, Shape.scalar(), new byte[] {1})).run());
        assertTrue(dropout.getMessage().contains("unsupported op Dropout (opset 13)"), dropout.getMessage());
    }
}

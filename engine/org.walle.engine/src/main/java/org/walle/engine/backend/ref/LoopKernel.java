package org.walle.engine.backend.ref;

import java.util.List;

import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;

/** Runs a body command {@code count} times, shifting each operand by its step's per-iteration offset. */
final class LoopKernel {
    private LoopKernel() {
    }

    static void run(Command c, Operand[] in, Operand[] out) {
        Params.Loop p = (Params.Loop) c.params();
        Command body = p.body();
        int bodyIn = body.inputs().size();
        int bodyOut = body.outputs().size();
        List<Params.Step> steps = p.steps();
        Operand[] bi = new Operand[bodyIn];
        Operand[] bo = new Operand[bodyOut];
        for (int it = 0; it < p.count(); it++) {
            for (int j = 0; j < bodyIn; j++) {
                bi[j] = in[j].shift(offset(steps.get(j), it, in, bodyIn, c));
            }
            for (int j = 0; j < bodyOut; j++) {
                bo[j] = out[j].shift(offset(steps.get(bodyIn + j), it, in, bodyIn, c));
            }
            ReferenceBackend.execute(body, bi, bo);
        }
    }

    private static int offset(Params.Step s, int it, Operand[] in, int bodyIn, Command c) {
        if (s.table() != null) {
            return s.table()[it];
        }
        if (s.indexInput() < 0) {
            return it * s.stride();
        }
        long idx = in[bodyIn + s.indexInput()].getLong(it);
        if (idx < 0) {
            idx += s.axisDim();
        }
        if (idx < 0 || idx >= s.axisDim()) {
            throw new org.walle.engine.graph.GraphException(c.node(), "index " + in[bodyIn + s.indexInput()].getLong(it)
                    + " out of range for an axis of " + s.axisDim());
        }
        return Math.toIntExact(idx * s.stride());
    }
}

package org.walle.engine.ops.internal;

import java.util.ArrayList;
import java.util.List;

import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.graph.Graph;
import org.walle.engine.ops.OpContext;
import org.walle.engine.ops.OpDef;
import org.walle.engine.ops.OpRegistry;
import org.walle.engine.ops.TensorType;
import org.walle.engine.tensor.Tensor;

/**
 * If, resolved at resize time: the condition must be known then (a constant, or computed from graph inputs the
 * session treats as value inputs, which is why input 0 is read by value), and the branch taken is planned inline,
 * so a plan never branches at run time. Feeding another condition value resizes and takes the other branch.
 */
final class ControlFlowOps {
    private ControlFlowOps() {
    }

    static void register(OpRegistry r) {
        r.register(OpDef.of("If", ControlFlowOps::ifShape, ControlFlowOps::ifDecompose, 0));
    }

    private static List<TensorType> ifShape(OpContext ctx) {
        List<PlanTensor> outs = branchOutputs(ctx);
        if (outs.size() < ctx.node().outputs().size()) {
            throw ctx.error("the branch taken has " + outs.size() + " outputs, the node " + ctx.node().outputs().size());
        }
        List<TensorType> types = new ArrayList<>();
        for (int i = 0; i < ctx.node().outputs().size(); i++) {
            types.add(new TensorType(outs.get(i).dtype(), outs.get(i).shape()));
        }
        return types;
    }

    private static void ifDecompose(OpContext ctx) {
        List<PlanTensor> outs = branchOutputs(ctx);
        for (int i = 0; i < ctx.node().outputs().size(); i++) {
            if (!ctx.node().outputs().get(i).isEmpty()) {
                ctx.setOutput(i, outs.get(i));
            }
        }
    }

    private static List<PlanTensor> branchOutputs(OpContext ctx) {
        return ctx.once("branch", () -> ctx.inline(takenBranch(ctx), List.of()));
    }

    private static Graph takenBranch(OpContext ctx) {
        if (!ctx.hasInput(0)) {
            throw ctx.error("the condition input is missing");
        }
        Tensor cond = ctx.valueOrNull(0);
        if (cond == null) {
            throw ctx.unsupported("If condition must be known at resize time, but '" + ctx.node().inputs().get(0)
                    + "' is only computed at run time; the engine plans one branch ahead and cannot branch while"
                    + " running (feed the values it depends on as graph inputs, or make it a constant)");
        }
        if (cond.size() != 1) {
            throw ctx.error("the condition must hold one element, got shape " + cond.getShape());
        }
        String attr = cond.getDouble(0) != 0 ? "then_branch" : "else_branch";
        Object body = ctx.node().attributes().get(attr);
        if (!(body instanceof Graph g)) {
            throw ctx.error("attribute " + attr + " should be a graph, got "
                    + (body == null ? "nothing" : body.getClass().getSimpleName()));
        }
        return g;
    }
}

package org.walle.engine.ops;

import org.walle.engine.graph.GraphException;

/** A node whose op type (at the graph's opset) the engine cannot run: refusing beats computing a wrong answer. */
public class UnsupportedOpException extends GraphException {
    private static final long serialVersionUID = 1L;

    private final String opType;
    private final int opset;

    public UnsupportedOpException(String nodeName, String opType, int opset) {
        this(nodeName, opType, opset, null);
    }

    /** @param detail why the op is unsupported (an attribute value, a dtype...), or null */
    public UnsupportedOpException(String nodeName, String opType, int opset, String detail) {
        super(nodeName, "unsupported op " + opType + " (opset " + opset + ")" + (detail == null ? "" : ": " + detail));
        this.opType = opType;
        this.opset = opset;
    }

    public String opType() {
        return opType;
    }

    public int opset() {
        return opset;
    }
}

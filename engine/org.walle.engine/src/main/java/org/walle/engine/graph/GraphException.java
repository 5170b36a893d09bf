package org.walle.engine.graph;

/** A graph that cannot be built or run, with the node (or graph) it is about. */
public class GraphException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String where;

    public GraphException(String where, String message) {
        super(where + ": " + message);
        this.where = where;
    }

    public String where() {
        return where;
    }
}

package org.walle.engine.ui.model;

import java.nio.file.Path;

import org.walle.engine.graph.Graph;

/** A model the studio has open: where it came from (null for a built-in sample) and its graph. */
public record OpenModel(Path file, Graph graph) {

    public String label() {
        return file == null ? graph.name() : file.getFileName().toString();
    }
}

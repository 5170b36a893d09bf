package org.walle.engine.ui;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.graphics.GC;
import org.walle.engine.graph.Graph;
import org.walle.engine.ui.layout.Block;
import org.walle.engine.ui.layout.BlockFinder;
import org.walle.engine.ui.layout.Collapse;
import org.walle.engine.ui.layout.GraphLayout;
import org.walle.engine.ui.layout.GraphLayout.NodeBox;
import org.walle.engine.ui.layout.GraphLayouter;

/**
 * The graph view's layouts: each one runs in a Job (cancelling the one before), with the collapse state of the graph
 * shown: whether repeated blocks are collapsed (found once per graph, in the Job) and which blocks and subgraphs the
 * user expanded. The canvas gets the layout on the UI thread, then {@code afterLayout} runs.
 */
final class GraphLayoutJobs {
    /** Graphs with more operators than this are laid out as user Jobs (shown in the Progress view). */
    private static final int USER_JOB_ABOVE = 1000;

    private final GraphCanvas canvas;
    private final Runnable afterLayout;
    /** Block ids and subgraph keys the user expanded. */
    private final Set<String> expanded = new HashSet<>();
    private Graph graph;
    private boolean collapseBlocks;
    private List<Block> blocks;
    private Graph blocksOf;
    private Job job;

    GraphLayoutJobs(GraphCanvas canvas, Runnable afterLayout) {
        this.canvas = canvas;
        this.afterLayout = afterLayout;
    }

    /** Lays out a new graph, everything collapsed that can be (if {@code collapse}). */
    void show(Graph newGraph, boolean collapse) {
        graph = newGraph;
        collapseBlocks = collapse;
        expanded.clear();
        layOut(null);
    }

    void setCollapseBlocks(boolean collapse) {
        collapseBlocks = collapse;
        expanded.clear();
        layOut(null);
    }

    /**
     * Expands a collapsed block or subgraph, or collapses an expanded subgraph or block (from one of its operators),
     * and lays out again keeping the view on it.
     */
    void toggle(NodeBox box) {
        if (box.toggle() == null || graph == null) {
            return;
        }
        String centreOn;
        if (expanded.remove(box.toggle())) {
            centreOn = box.kind() == GraphLayout.Kind.CONTAINER ? box.id() : box.toggle();
        } else {
            expanded.add(box.toggle());
            centreOn = box.kind() == GraphLayout.Kind.BLOCK ? box.members().get(0).name() : box.id();
        }
        layOut(centreOn);
    }

    Job job() {
        return job;
    }

    void cancel() {
        if (job != null) {
            job.cancel();
        }
    }

    /** {@code centreOn} keeps the view on a box across an expand or collapse; null fits the new layout. */
    private void layOut(String centreOn) {
        Graph target = graph;
        boolean collapse = collapseBlocks;
        Set<String> open = Set.copyOf(expanded);
        // the layout runs off the UI thread, where no GC may be used: measure the font once here
        GC gc = new GC(canvas);
        double charWidth = gc.getFontMetrics().getAverageCharacterWidth() * 1.1;
        gc.dispose();
        cancel();
        job = Job.create(Messages.bind(Messages.graphLayoutJob, target.name()), monitor -> {
            SubMonitor progress = SubMonitor.convert(monitor, 2);
            List<Block> found = collapse ? blocks(target) : List.of();
            progress.split(1);
            GraphLayout layout;
            try {
                layout = new GraphLayouter(s -> charWidth * s.length()).layout(target, new Collapse(found, open),
                        monitor::isCanceled);
            } catch (CancellationException e) {
                return Status.CANCEL_STATUS;
            }
            progress.split(1);
            canvas.getDisplay().asyncExec(() -> {
                if (!canvas.isDisposed() && graph == target) {
                    if (centreOn == null) {
                        canvas.setLayout(layout);
                    } else {
                        canvas.replaceLayout(layout, centreOn);
                    }
                    afterLayout.run();
                }
            });
            return Status.OK_STATUS;
        });
        job.setUser(target.nodes().size() > USER_JOB_ABOVE);
        job.schedule();
    }

    /** The repeated blocks of a graph, found once (off the UI thread). */
    private synchronized List<Block> blocks(Graph target) {
        if (blocks == null || blocksOf != target) {
            blocks = BlockFinder.find(target);
            blocksOf = target;
        }
        return blocks;
    }
}

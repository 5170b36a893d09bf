package org.walle.engine.ui;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;
import org.walle.engine.graph.Graph;
import org.walle.engine.samples.SampleGraphs;
import org.walle.engine.ui.layout.GraphLayout;
import org.walle.engine.ui.layout.GraphLayouter;

/** The computation graph of the open model, laid out top-down by ELK, with the selected node's details below. */
public class GraphView extends ViewPart {
    public static final String ID = "org.walle.engine.ui.graphView";

    private GraphCanvas canvas;
    private Text details;
    private Graph graph;
    private Job layoutJob;

    @Override
    public void createPartControl(Composite parent) {
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        canvas = new GraphCanvas(sash);
        details = new Text(sash, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.WRAP);
        details.setText(Messages.graphNoSelection);
        sash.setWeights(80, 20);
        canvas.addSelectionListener(box -> details.setText(box == null || box.node() == null
                ? Messages.graphNoSelection : NodeDescriber.describe(graph, box.node())));
        contributeToolbar(getViewSite().getActionBars().getToolBarManager());
        showGraph(SampleGraphs.mlp());
    }

    /** Shows a graph: the layout runs in a Job, the canvas updates when it is done. */
    public void showGraph(Graph newGraph) {
        this.graph = newGraph;
        setContentDescription(Messages.bind(Messages.graphDescription, newGraph.name(), newGraph.nodes().size()));
        // the layout runs off the UI thread, where no GC may be used: measure the font once here
        GC gc = new GC(canvas);
        double charWidth = gc.getFontMetrics().getAverageCharacterWidth() * 1.1;
        gc.dispose();
        if (layoutJob != null) {
            layoutJob.cancel();
        }
        layoutJob = Job.create(Messages.bind(Messages.graphLayoutJob, newGraph.name()), monitor -> {
            SubMonitor progress = SubMonitor.convert(monitor, 1);
            GraphLayout layout = new GraphLayouter(s -> charWidth * s.length()).layout(newGraph);
            progress.split(1);
            canvas.getDisplay().asyncExec(() -> {
                if (!canvas.isDisposed() && graph == newGraph) {
                    canvas.setLayout(layout);
                }
            });
            return Status.OK_STATUS;
        });
        layoutJob.schedule();
    }

    public Graph getGraph() {
        return graph;
    }

    public GraphCanvas getCanvas() {
        return canvas;
    }

    public Text getDetails() {
        return details;
    }

    private void contributeToolbar(IToolBarManager toolbar) {
        toolbar.add(action(Messages.graphZoomIn, () -> canvas.zoomAt(1.25, center()[0], center()[1])));
        toolbar.add(action(Messages.graphZoomOut, () -> canvas.zoomAt(0.8, center()[0], center()[1])));
        toolbar.add(action(Messages.graphFit, canvas::fit));
    }

    private int[] center() {
        var area = canvas.getClientArea();
        return new int[] {area.width / 2, area.height / 2};
    }

    private static Action action(String text, Runnable run) {
        return new Action(text) {
            @Override
            public void run() {
                run.run();
            }
        };
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }

    @Override
    public void dispose() {
        if (layoutJob != null) {
            layoutJob.cancel();
        }
        super.dispose();
    }
}

package org.walle.engine.ui;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.part.ViewPart;
import org.walle.engine.decompose.AtomicOp;
import org.walle.engine.graph.Graph;
import org.walle.engine.runtime.ResizeReport;
import org.walle.engine.runtime.Session;
import org.walle.engine.tensor.Shape;
import org.walle.engine.ui.model.InputShapes;
import org.walle.engine.ui.model.ModelService;
import org.walle.engine.ui.model.OpenModel;

/**
 * What the selected operator became: its atomic commands and each Raster's regions, after a resize for the input
 * shapes in the field above; below, the whole graph's atomic op counts, merge statistics and memory plan.
 */
public class DecompositionView extends ViewPart {
    public static final String ID = "org.walle.engine.ui.decompositionView";

    private Text shapes;
    private TreeViewer commands;
    private Text summary;
    private Graph graph;
    private volatile ResizeReport report;
    private String selectedNode;
    private Job resizeJob;
    /** Counts resizes; a job's result is shown only if no newer resize started meanwhile. */
    private int resizeGeneration;
    private final Consumer<OpenModel> modelListener = model -> {
        if (shapes != null && !shapes.isDisposed()) {
            setGraph(model.graph());
        }
    };
    private final ISelectionListener selectionListener = (part, selection) -> {
        if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof NodeElement e
                && e.graph() == graph) {
            showNode(e.node().name());
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        body.setLayout(new GridLayout(3, false));
        new Label(body, SWT.NONE).setText(Messages.decompShapes);
        shapes = new Text(body, SWT.BORDER);
        shapes.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        shapes.addListener(SWT.DefaultSelection, e -> resize());
        Button resize = new Button(body, SWT.PUSH);
        resize.setText(Messages.decompResize);
        resize.addListener(SWT.Selection, e -> resize());
        SashForm sash = new SashForm(body, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        commands = new TreeViewer(sash, SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        commands.getTree().setHeaderVisible(true);
        commands.setContentProvider(new DecompositionRows.ContentProvider());
        String[] titles = {Messages.decompCommand, Messages.decompInputs, Messages.decompOutputs, Messages.decompParams};
        int[] widths = {140, 260, 220, 360};
        for (int i = 0; i < titles.length; i++) {
            int column = i;
            TreeViewerColumn c = new TreeViewerColumn(commands, SWT.NONE);
            c.getColumn().setText(titles[i]);
            c.getColumn().setWidth(widths[i]);
            c.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    return DecompositionRows.columns(element)[column];
                }
            });
        }
        summary = new Text(sash, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL);
        sash.setWeights(70, 30);
        getSite().getPage().addPostSelectionListener(selectionListener);
        ModelService.get().addListener(modelListener);
        setGraph(ModelService.get().current().graph());
    }

    public TreeViewer getCommandViewer() {
        return commands;
    }

    public Text getShapesField() {
        return shapes;
    }

    public Text getSummary() {
        return summary;
    }

    /** The last resize, or null while it runs or when it failed. */
    public ResizeReport getReport() {
        return report;
    }

    private void setGraph(Graph newGraph) {
        graph = newGraph;
        selectedNode = null;
        shapes.setText(InputShapes.format(InputShapes.defaults(newGraph)));
        resize();
    }

    /** Shows one node's commands from the last resize. */
    public void showNode(String nodeName) {
        selectedNode = nodeName;
        ResizeReport r = report;
        setContentDescription(Messages.bind(Messages.decompNode, nodeName));
        commands.setInput(r == null ? List.of() : r.commandsOf(nodeName));
        commands.expandToLevel(2);
    }

    /** Resizes the graph for the shapes in the field, in a Job. */
    public void resize() {
        Map<String, Shape> inputShapes;
        try {
            inputShapes = InputShapes.parse(shapes.getText());
        } catch (IllegalArgumentException e) {
            summary.setText(e.getMessage());
            return;
        }
        Graph target = graph;
        int generation = ++resizeGeneration;
        report = null;
        summary.setText(Messages.decompResizing);
        if (resizeJob != null) {
            resizeJob.cancel();
        }
        resizeJob = Job.create(Messages.bind(Messages.decompJob, target.name()), monitor -> {
            SubMonitor progress = SubMonitor.convert(monitor, 1);
            String text;
            ResizeReport result = null;
            try {
                result = new Session(target).resize(inputShapes);
                text = describe(result);
            } catch (RuntimeException e) {
                text = Messages.bind(Messages.decompFailed, e.getMessage());
            }
            progress.split(1);
            ResizeReport done = result;
            String shown = text;
            shapes.getDisplay().asyncExec(() -> {
                if (!summary.isDisposed() && generation == resizeGeneration) {
                    report = done;
                    summary.setText(shown);
                    if (selectedNode != null) {
                        showNode(selectedNode);
                    }
                }
            });
            return Status.OK_STATUS;
        });
        resizeJob.schedule();
    }

    private static String describe(ResizeReport r) {
        StringBuilder b = new StringBuilder();
        b.append(Messages.bind(Messages.decompCounts, r.commands().size(), r.resizeNanos() / 1_000_000.0)).append('\n');
        for (Map.Entry<AtomicOp, Integer> e : r.atomicCounts().entrySet()) {
            b.append("  ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        b.append(Messages.decompMerges).append(' ').append(r.merges()).append('\n');
        b.append(Messages.bind(Messages.decompMemory, r.memory().peakBytes(), r.memory().totalBytes()));
        return b.toString();
    }

    @Override
    public void setFocus() {
        commands.getControl().setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removePostSelectionListener(selectionListener);
        ModelService.get().removeListener(modelListener);
        if (resizeJob != null) {
            resizeJob.cancel();
        }
        super.dispose();
    }
}

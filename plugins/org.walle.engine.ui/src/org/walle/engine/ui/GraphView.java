package org.walle.engine.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.function.Consumer;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;
import org.walle.engine.backend.ref.CpuReferenceBackend;
import org.walle.engine.graph.Graph;
import org.walle.engine.runtime.Session;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.ui.layout.GraphLayout;
import org.walle.engine.ui.layout.GraphLayout.NodeBox;
import org.walle.engine.ui.layout.GraphSearch;
import org.walle.engine.ui.model.Analysis;
import org.walle.engine.ui.model.AtomicGraph;
import org.walle.engine.ui.model.InputShapes;
import org.walle.engine.ui.model.LoadModelJob;
import org.walle.engine.ui.model.ModelService;
import org.walle.engine.ui.model.OpenModel;

/**
 * The computation graph of the open model, laid out top-down by ELK: find by name or type, keyboard navigation,
 * drop an .onnx file to open it, export PNG or SVG. Repeated blocks (collapsed by default above
 * {@value #COLLAPSE_ABOVE} operators) and If/Loop/Scan subgraphs are one box each until double-clicked. The
 * selected operator goes to the details pane and, as the
 * workbench selection, to the Properties view.
 */
public class GraphView extends ViewPart {
    public static final String ID = "org.walle.engine.ui.graphView";

    private GraphCanvas canvas;
    private Text find;
    private Text details;
    private Graph graph;
    /** Graphs with more operators than this open with their repeated blocks collapsed. */
    static final int COLLAPSE_ABOVE = 1000;
    private GraphLayoutJobs layouts;
    private Action collapseBlocks;
    private final NodeSelectionProvider selectionProvider = new NodeSelectionProvider();
    private Action colourByBackend;
    private Action heatOverlay;
    private Action atomicCommands;
    private final Consumer<Analysis> analysisListener = analysis -> {
        if (canvas != null && !canvas.isDisposed()) {
            updateColouring();
        }
    };
    private final Consumer<OpenModel> modelListener = model -> {
        if (canvas != null && !canvas.isDisposed()) {
            atomicCommands.setChecked(false);
            showGraph(model.graph(), model.label());
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        GridLayout grid = new GridLayout(1, false);
        grid.marginWidth = 0;
        grid.marginHeight = 0;
        body.setLayout(grid);
        find = new Text(body, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        find.setMessage(Messages.graphFindHint);
        find.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        find.addListener(SWT.DefaultSelection, e -> findNext());
        SashForm sash = new SashForm(body, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        canvas = new GraphCanvas(sash);
        details = new Text(sash, SWT.MULTI | SWT.READ_ONLY | SWT.V_SCROLL | SWT.WRAP);
        details.setText(Messages.graphNoSelection);
        sash.setWeights(80, 20);
        canvas.addSelectionListener(this::selectionChanged);
        layouts = new GraphLayoutJobs(canvas, () -> {
            updateColouring();
            selectionChanged(canvas.getSelection());
        });
        canvas.addToggleListener(this::toggle);
        getSite().setSelectionProvider(selectionProvider);
        acceptDroppedModels();
        contributeToolbar(getViewSite().getActionBars().getToolBarManager());
        ModelService.get().addListener(modelListener);
        Analysis.get().addListener(analysisListener);
        OpenModel current = ModelService.get().current();
        showGraph(current.graph(), current.label());
    }

    /** Shows a graph: the layout runs in a Job, the canvas updates when it is done. */
    public void showGraph(Graph newGraph) {
        showGraph(newGraph, newGraph.name());
    }

    private void showGraph(Graph newGraph, String title) {
        this.graph = newGraph;
        setContentDescription(Messages.bind(Messages.graphDescription, title, newGraph.nodes().size()));
        collapseBlocks.setChecked(newGraph.nodes().size() > COLLAPSE_ABOVE);
        layouts.show(newGraph, collapseBlocks.isChecked());
    }

    /** Expands or collapses a block or subgraph (as a double-click on it does). */
    public void toggle(NodeBox box) {
        layouts.toggle(box);
    }

    /** Turns the collapsing of repeated blocks on or off (as the toolbar toggle does) and lays out again. */
    public void setCollapseBlocks(boolean collapse) {
        collapseBlocks.setChecked(collapse);
        layouts.setCollapseBlocks(collapse);
    }

    /** The last layout Job (running or done), for tests. */
    public Job getLayoutJob() {
        return layouts.job();
    }

    /** Selects the next operator whose name or type contains the find text, and scrolls to it. */
    public void findNext() {
        GraphLayout layout = canvas.getGraphLayout();
        if (layout == null) {
            return;
        }
        List<NodeBox> matches = GraphSearch.find(layout, find.getText());
        NodeBox next = GraphSearch.next(matches, canvas.getSelection());
        find.setToolTipText(Messages.bind(Messages.graphFindMatches, matches.size()));
        if (next != null) {
            canvas.select(next);
            canvas.reveal(next);
        }
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

    public Text getFindField() {
        return find;
    }

    private void selectionChanged(NodeBox box) {
        boolean isOperator = box != null && box.node() != null;
        if (box != null && box.kind() == GraphLayout.Kind.BLOCK) {
            details.setText(Messages.bind(Messages.graphBlockDetails, new Object[] {box.title(), box.members().size(),
                    box.members().stream().map(n -> n.name() + " (" + n.opType() + ")")
                            .collect(Collectors.joining(", "))}));
        } else {
            details.setText(isOperator ? NodeDescriber.describe(graph, box.node()) : Messages.graphNoSelection);
        }
        selectionProvider.setSelection(isOperator
                ? new StructuredSelection(new NodeElement(graph, box.node())) : StructuredSelection.EMPTY);
    }

    private void acceptDroppedModels() {
        DropTarget target = new DropTarget(canvas, DND.DROP_COPY | DND.DROP_DEFAULT);
        target.setTransfer(new Transfer[] {FileTransfer.getInstance()});
        target.addDropListener(new DropTargetAdapter() {
            @Override
            public void dragEnter(DropTargetEvent event) {
                event.detail = DND.DROP_COPY;
            }

            @Override
            public void drop(DropTargetEvent event) {
                if (event.data instanceof String[] files && files.length > 0) {
                    new LoadModelJob(Path.of(files[0]), canvas.getDisplay()).schedule();
                }
            }
        });
    }

    private void contributeToolbar(IToolBarManager toolbar) {
        toolbar.add(action(Messages.graphZoomIn, () -> canvas.zoomAt(1.25, center()[0], center()[1])));
        toolbar.add(action(Messages.graphZoomOut, () -> canvas.zoomAt(0.8, center()[0], center()[1])));
        toolbar.add(action(Messages.graphFit, canvas::fit));
        colourByBackend = toggle(Messages.graphColourByBackend, true);
        heatOverlay = toggle(Messages.graphHeatOverlay, false);
        toolbar.add(colourByBackend);
        toolbar.add(heatOverlay);
        atomicCommands = new Action(Messages.graphAtomic, IAction.AS_CHECK_BOX) {
            @Override
            public void run() {
                showAtomic(isChecked());
            }
        };
        toolbar.add(atomicCommands);
        collapseBlocks = new Action(Messages.graphCollapseBlocks, IAction.AS_CHECK_BOX) {
            @Override
            public void run() {
                setCollapseBlocks(isChecked());
            }
        };
        toolbar.add(collapseBlocks);
        toolbar.add(action(Messages.graphExportPng, () -> export("*.png")));
        toolbar.add(action(Messages.graphExportSvg, () -> export("*.svg")));
    }

    private Action toggle(String text, boolean checked) {
        Action a = new Action(text, IAction.AS_CHECK_BOX) {
            @Override
            public void run() {
                // the two colourings exclude each other: the heat overlay wins while it is on
                if (this == heatOverlay && isChecked()) {
                    colourByBackend.setChecked(false);
                } else if (this == colourByBackend && isChecked()) {
                    heatOverlay.setChecked(false);
                }
                updateColouring();
            }
        };
        a.setChecked(checked);
        return a;
    }

    /** Colours nodes from the last search (or profile, with the heat overlay on) of the graph shown. */
    public void updateColouring() {
        NodeColouring colouring = null;
        if (heatOverlay.isChecked() && Analysis.get().profile(graph) != null) {
            colouring = NodeColouring.heat(Analysis.get().profile(graph));
        } else if (colourByBackend.isChecked() && Analysis.get().search(graph) != null) {
            colouring = NodeColouring.byBackend(Analysis.get().search(graph).report());
        }
        canvas.setColouring(colouring);
    }

    /**
     * Switches between the model's graph and its decomposition: one operator per atomic command at the default
     * input shapes (the resize runs in a Job; a model whose shapes depend on input values reports why it cannot).
     */
    public void showAtomic(boolean atomic) {
        atomicCommands.setChecked(atomic);
        OpenModel model = ModelService.get().current();
        if (!atomic) {
            showGraph(model.graph(), model.label());
            return;
        }
        Job.create(Messages.bind(Messages.graphAtomicJob, model.label()), monitor -> {
            try (Session session = new Session(model.graph(),
                    SessionOptions.defaults().withBackend(CpuReferenceBackend.NAME))) {
                Graph atomicGraph = AtomicGraph.of(session.resize(InputShapes.defaults(model.graph())),
                        model.graph().name());
                canvas.getDisplay().asyncExec(() -> {
                    if (!canvas.isDisposed() && atomicCommands.isChecked() && ModelService.get().current() == model) {
                        showGraph(atomicGraph, Messages.bind(Messages.graphAtomicTitle, model.label()));
                    }
                });
                return Status.OK_STATUS;
            } catch (RuntimeException e) {
                canvas.getDisplay().asyncExec(() -> {
                    atomicCommands.setChecked(false);
                    ErrorDialog.openError(canvas.getShell(), Messages.graphAtomicFailed, null,
                            Status.error(e.getMessage() == null ? e.toString() : e.getMessage(), e));
                });
                return Status.OK_STATUS;
            }
        }).schedule();
    }

    /** The toolbar toggles, for tests: colour by backend, heat overlay. */
    public Action[] getColouringToggles() {
        return new Action[] {colourByBackend, heatOverlay};
    }

    private void export(String pattern) {
        GraphLayout layout = canvas.getGraphLayout();
        if (layout == null) {
            return;
        }
        FileDialog dialog = new FileDialog(canvas.getShell(), SWT.SAVE);
        dialog.setFilterExtensions(new String[] {pattern});
        dialog.setFileName(graph.name() + pattern.substring(1));
        dialog.setOverwrite(true);
        String file = dialog.open();
        if (file == null) {
            return;
        }
        try {
            if (pattern.endsWith("svg")) {
                ImageExport.saveSvg(layout, Path.of(file));
            } else {
                ImageExport.savePng(canvas.getDisplay(), layout, b -> b == canvas.getSelection(),
                        canvas.getColouring(), Path.of(file));
            }
        } catch (java.io.IOException | RuntimeException e) {
            ErrorDialog.openError(canvas.getShell(), Messages.graphExportFailed, null,
                    Status.error(Messages.bind(Messages.graphExportFailedDetail, file, e.getMessage()), e));
        }
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
        ModelService.get().removeListener(modelListener);
        Analysis.get().removeListener(analysisListener);
        layouts.cancel();
        super.dispose();
    }
}

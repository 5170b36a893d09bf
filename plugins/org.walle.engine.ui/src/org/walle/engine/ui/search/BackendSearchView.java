package org.walle.engine.ui.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.part.ViewPart;
import org.walle.engine.backend.BackendConfig;
import org.walle.engine.backend.BackendProvider;
import org.walle.engine.backend.Backends;
import org.walle.engine.graph.Graph;
import org.walle.engine.runtime.ResizeReport;
import org.walle.engine.runtime.SearchReport;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.tensor.Shape;
import org.walle.engine.ui.BackgroundWork;
import org.walle.engine.ui.ErrorReports;
import org.walle.engine.ui.GraphView;
import org.walle.engine.ui.NodeElement;
import org.walle.engine.ui.model.Analysis;
import org.walle.engine.ui.model.InputShapes;
import org.walle.engine.ui.model.ModelService;
import org.walle.engine.ui.model.OpenModel;
import org.walle.engine.ui.model.SearchRunner;

/**
 * The backend search of the open model: per backend its estimated total, per command every candidate with its
 * estimated (and, after Measure, measured) cost, the winner and why it fell back. Pins from the context menu re-run
 * the search; Benchmark times whole runs with the current choice.
 */
public class BackendSearchView extends ViewPart {
    public static final String ID = "org.walle.engine.ui.backendSearchView";
    private static final int COLUMNS = 11;

    private Combo backend;
    private final List<String> backendNames = new ArrayList<>();
    private Spinner threads;
    private Text shapes;
    private Spinner runs;
    private Label status;
    private TableViewer totals;
    private TreeViewer decisions;
    private SearchMenu menu;
    private Graph graph;
    private SearchRunner runner;
    private volatile SearchReport report;
    private volatile SearchRunner.Benchmark lastBenchmark;
    private String filterNode;
    private final Map<String, String> backendPins = new LinkedHashMap<>();
    private final Map<String, String> algorithmPins = new LinkedHashMap<>();
    /** Search, measure and benchmark share one session: they run one after another. */
    private final ISchedulingRule serial = new ISchedulingRule() {
        @Override
        public boolean contains(ISchedulingRule rule) {
            return rule == this;
        }

        @Override
        public boolean isConflicting(ISchedulingRule rule) {
            return rule == this;
        }
    };
    private int generation;
    /** The last search, measure or benchmark job, for cancelling (and for tests). */
    private Job lastJob;
    private final Consumer<OpenModel> modelListener = model -> {
        if (!status.isDisposed()) {
            setGraph(model.graph());
        }
    };
    private final ISelectionListener selectionListener = (part, selection) -> {
        // a node selected anywhere filters; only the graph view's empty selection clears the filter
        if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof NodeElement e) {
            filterNode = e.graph() == graph ? e.node().name() : null;
            showDecisions();
        } else if (part != null && GraphView.ID.equals(part.getSite().getId())) {
            filterNode = null;
            showDecisions();
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        body.setLayout(new GridLayout(COLUMNS, false));
        new Label(body, SWT.NONE).setText(Messages.backend);
        backend = new Combo(body, SWT.READ_ONLY);
        fillBackends();
        new Label(body, SWT.NONE).setText(Messages.threads);
        threads = new Spinner(body, SWT.BORDER);
        threads.setValues(BackendConfig.defaults().threads(), 1, 256, 0, 1, 4);
        new Label(body, SWT.NONE).setText(Messages.shapes);
        shapes = new Text(body, SWT.BORDER);
        shapes.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        shapes.addListener(SWT.DefaultSelection, e -> search());
        button(body, Messages.search, this::search);
        button(body, Messages.measure, this::measure);
        new Label(body, SWT.NONE).setText(Messages.runs);
        runs = new Spinner(body, SWT.BORDER);
        runs.setValues(10, 1, 1000, 0, 1, 10);
        button(body, Messages.benchmark, this::benchmark);
        status = new Label(body, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, COLUMNS, 1));
        // the totals hold one row per backend: fixed height; the decisions take the rest
        totals = SearchTables.totals(body, () -> report);
        GridData totalsData = new GridData(SWT.FILL, SWT.TOP, true, false, COLUMNS, 1);
        totalsData.heightHint = totals.getTable().getHeaderHeight() + 4 * totals.getTable().getItemHeight() + 4;
        totals.getTable().setLayoutData(totalsData);
        decisions = SearchTables.decisions(body);
        decisions.getTree().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, COLUMNS, 1));
        menu = new SearchMenu(decisions, this);
        getSite().getPage().addPostSelectionListener(selectionListener);
        ModelService.get().addListener(modelListener);
        setGraph(ModelService.get().current().graph());
    }

    private static Button button(Composite parent, String text, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    /** Auto plus every provider; unavailable ones stay listed with their reason (choosing one reports it). */
    private void fillBackends() {
        backendNames.clear();
        backendNames.add(Backends.AUTO);
        backend.add(Backends.AUTO);
        for (BackendProvider p : Backends.providers()) {
            backendNames.add(p.name());
            backend.add(p.unavailableReason().map(why -> Messages.bind(Messages.unavailable, p.name(), why))
                    .orElse(p.name()));
        }
        backend.select(0);
    }

    private void setGraph(Graph newGraph) {
        graph = newGraph;
        filterNode = null;
        backendPins.clear();
        algorithmPins.clear();
        report = null;
        lastBenchmark = null;
        closeLater(runner);
        runner = new SearchRunner(newGraph);
        shapes.setText(InputShapes.format(InputShapes.defaults(newGraph)));
        totals.setInput(List.of());
        decisions.setInput(List.of());
        search();
    }

    /** The options the controls and pins describe. */
    public SessionOptions options() {
        SessionOptions o = SessionOptions.defaults().withBackend(backendNames.get(Math.max(0, backend.getSelectionIndex())))
                .withThreads(threads.getSelection());
        for (Map.Entry<String, String> pin : backendPins.entrySet()) {
            o = o.pinNodeBackend(pin.getKey(), pin.getValue());
        }
        for (Map.Entry<String, String> pin : algorithmPins.entrySet()) {
            o = o.pinNodeAlgorithm(pin.getKey(), pin.getValue());
        }
        return o;
    }

    /** Runs the search for the shapes in the field, in a Job; results replace the tables. */
    public void search() {
        Map<String, Shape> inputShapes;
        try {
            inputShapes = InputShapes.parse(shapes.getText());
        } catch (IllegalArgumentException e) {
            ErrorReports.show(shapes.getShell(), Messages.failedTitle, Messages.badShapes, e);
            return;
        }
        SessionOptions options = options();
        SearchRunner target = runner;
        int mine = ++generation;
        report = null;
        status.setText(Messages.running);
        schedule(Messages.bind(Messages.searchJob, graph.name()), Messages.searchFailed, monitor -> {
            ResizeReport r = target.search(options, inputShapes);
            return () -> {
                if (mine == generation) {
                    Analysis.get().publishSearch(new Analysis.Searched(target.graph(), options, inputShapes, r.search()));
                    showReport(r.search(), Messages.bind(Messages.summary, r.search().chosenBackend(),
                            String.format(java.util.Locale.ROOT, "%.1f", r.search().searchNanos() / 1e6),
                            r.search().decisions().size()));
                }
            };
        });
    }

    /** Times every candidate on random inputs at the searched shapes and keeps the fastest. */
    public void measure() {
        SearchRunner target = runner;
        int mine = generation;
        int count = runs.getSelection();
        status.setText(Messages.running);
        schedule(Messages.bind(Messages.measureJob, graph.name()), Messages.measureFailed, monitor -> {
            SearchReport measured = target.measure(count, monitor);
            return () -> {
                if (mine == generation) {
                    Analysis.Searched last = Analysis.get().search(target.graph());
                    Analysis.get().publishSearch(new Analysis.Searched(target.graph(),
                            last == null ? options() : last.options(), target.shapes(), measured));
                    showReport(measured, Messages.bind(Messages.summaryMeasured, measured.chosenBackend(),
                            measured.decisions().size()));
                }
            };
        });
    }

    /** Runs the model N times with the current choice and shows the median latency. */
    public void benchmark() {
        SearchRunner target = runner;
        int mine = generation;
        int count = runs.getSelection();
        lastBenchmark = null;
        status.setText(Messages.running);
        schedule(Messages.bind(Messages.benchmarkJob, graph.name()), Messages.benchmarkFailed, monitor -> {
            SearchRunner.Benchmark b = target.benchmark(count, monitor);
            return () -> {
                if (mine == generation) {
                    lastBenchmark = b;
                    status.setText(Messages.bind(Messages.benchmarkResult, new Object[] {b.backend(), b.threads(),
                            SearchRows.ms(b.medianNanos() / 1e9), b.runNanos().length}));
                }
            };
        });
    }

    private void schedule(String name, String failure, BackgroundWork.Work work) {
        String failedWhat = Messages.bind(failure, graph.name());
        lastJob = BackgroundWork.schedule(status, name, Messages.failedTitle, failedWhat,
                () -> status.setText(failedWhat), () -> status.setText(Messages.bind(Messages.cancelled, name)), serial,
                work);
    }

    /** Closes a session after the jobs using it, without blocking the UI thread on them. */
    private void closeLater(SearchRunner old) {
        if (old != null) {
            Job close = Job.create(old.graph().name(), monitor -> {
                old.close();
                return Status.OK_STATUS;
            });
            close.setSystem(true);
            close.setRule(serial);
            close.schedule();
        }
    }

    private void showReport(SearchReport r, String summary) {
        report = r;
        String pinText = backendPins.isEmpty() && algorithmPins.isEmpty() ? ""
                : " \u00b7 " + Messages.bind(Messages.pins, pinsText());
        status.setText(summary + pinText);
        status.getParent().layout(true);
        totals.setInput(r.totals());
        showDecisions();
    }

    private String pinsText() {
        List<String> parts = new ArrayList<>();
        backendPins.forEach((node, b) -> parts.add(node + "\u2192" + b));
        algorithmPins.forEach((node, a) -> parts.add(node + "\u2192" + a));
        return String.join(", ", parts);
    }

    private void showDecisions() {
        SearchReport r = report;
        if (r == null || decisions.getControl().isDisposed()) {
            return;
        }
        boolean filtered = filterNode != null && !r.decisionsFor(filterNode).isEmpty();
        List<SearchReport.Decision> shown = filtered ? r.decisionsFor(filterNode) : r.decisions();
        decisions.setInput(shown);
        setContentDescription(filtered ? Messages.bind(Messages.nodeCommands, shown.size(), filterNode)
                : Messages.bind(Messages.allCommands, shown.size(), graph.name()));
    }

    /** Pins a node's commands to a backend and searches again. */
    public void pinNodeBackend(String node, String backendName) {
        backendPins.put(node, backendName);
        search();
    }

    /** Pins a node's commands to an algorithm (where offered) and searches again. */
    public void pinNodeAlgorithm(String node, String algorithm) {
        algorithmPins.put(node, algorithm);
        search();
    }

    public void clearPins() {
        backendPins.clear();
        algorithmPins.clear();
        search();
    }

    /** The last search or measurement shown, or null while one runs. */
    public SearchReport getReport() {
        return report;
    }

    public Job getLastJob() {
        return lastJob;
    }

    public SearchRunner.Benchmark getLastBenchmark() {
        return lastBenchmark;
    }

    public TableViewer getTotalsViewer() {
        return totals;
    }

    public TreeViewer getDecisionViewer() {
        return decisions;
    }

    public SearchMenu getMenu() {
        return menu;
    }

    public Combo getBackendCombo() {
        return backend;
    }

    public Spinner getRunsSpinner() {
        return runs;
    }

    public Label getStatus() {
        return status;
    }

    @Override
    public void setFocus() {
        decisions.getControl().setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removePostSelectionListener(selectionListener);
        ModelService.get().removeListener(modelListener);
        closeLater(runner);
        super.dispose();
    }
}

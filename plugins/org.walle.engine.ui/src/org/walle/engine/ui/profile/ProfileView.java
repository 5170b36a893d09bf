package org.walle.engine.ui.profile;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.ui.part.ViewPart;
import org.walle.engine.backend.BackendConfig;
import org.walle.engine.graph.Graph;
import org.walle.engine.runtime.Profile;
import org.walle.engine.runtime.ProfileExport;
import org.walle.engine.runtime.SessionOptions;
import org.walle.engine.tensor.Shape;
import org.walle.engine.ui.BackgroundWork;
import org.walle.engine.ui.ErrorReports;
import org.walle.engine.ui.model.Analysis;
import org.walle.engine.ui.model.InputShapes;
import org.walle.engine.ui.model.ModelService;
import org.walle.engine.ui.model.OpenModel;
import org.walle.engine.ui.model.ProfileSweep;

/**
 * Profiles the open model on random inputs at the shapes of its last search (with that search's options and pins),
 * then every available backend and ONNX Runtime (on the model's file, same inputs) at 1, 2 ... N threads. Charts:
 * the slowest operators and the whole-model latency per backend; a loaded CSV becomes a second series to compare
 * against. Exports Chrome-trace JSON, CSV and PNG.
 */
public class ProfileView extends ViewPart {
    public static final String ID = "org.walle.engine.ui.profileView";

    private Spinner warmup;
    private Spinner runs;
    private Spinner topN;
    private Label status;
    private ChartCanvas topChart;
    private ChartCanvas latencyChart;
    private Graph graph;
    private volatile ProfileSweep.Result current;
    private ProfileSweep.Result comparison;
    private int profileCount;
    /** Counts profiles; only the newest one's result or cancel is shown. */
    private int generation;
    private Job job;
    private final Consumer<OpenModel> modelListener = model -> {
        if (!status.isDisposed()) {
            setGraph(model.graph());
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        Composite body = new Composite(parent, SWT.NONE);
        body.setLayout(new GridLayout(13, false));
        warmup = spinner(body, Messages.warmup, 3, 0);
        runs = spinner(body, Messages.runs, 10, 1);
        topN = spinner(body, Messages.topN, 10, 1);
        topN.addListener(SWT.Selection, e -> refreshCharts());
        button(body, Messages.profile, this::profile);
        button(body, Messages.exportTrace, () -> export("*.json", this::exportTrace));
        button(body, Messages.exportCsv, () -> export("*.csv", this::exportCsv));
        button(body, Messages.exportPng, () -> export("*.png", this::exportPng));
        button(body, Messages.load, () -> open(this::load));
        button(body, Messages.compare, () -> open(this::compare));
        button(body, Messages.clearCompare, () -> {
            comparison = null;
            refreshCharts();
        });
        status = new Label(body, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 13, 1));
        SashForm charts = new SashForm(body, SWT.HORIZONTAL);
        charts.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 13, 1));
        topChart = new ChartCanvas(charts);
        latencyChart = new ChartCanvas(charts);
        charts.setWeights(55, 45);
        ModelService.get().addListener(modelListener);
        setGraph(ModelService.get().current().graph());
    }

    private static Spinner spinner(Composite parent, String label, int value, int min) {
        new Label(parent, SWT.NONE).setText(label);
        Spinner s = new Spinner(parent, SWT.BORDER);
        s.setValues(value, min, 1000, 0, 1, 10);
        return s;
    }

    private static void button(Composite parent, String text, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
    }

    private void setGraph(Graph newGraph) {
        graph = newGraph;
        current = null;
        comparison = null;
        status.setText(Messages.noProfile);
        refreshCharts();
    }

    /**
     * Profiles in a Job: the detailed profile first, then the per-backend latencies and ONNX Runtime's. Cancel stops
     * between two runs; the view then says so and shows no figures of the stopped profile.
     */
    public void profile() {
        Graph target = graph;
        OpenModel model = ModelService.get().current();
        Path file = model.graph() == target ? model.file() : null;
        Analysis.Searched searched = Analysis.get().search(target);
        Map<String, Shape> shapes = searched != null ? searched.shapes() : InputShapes.defaults(target);
        SessionOptions options = searched != null ? searched.options() : SessionOptions.defaults();
        int maxThreads = BackendConfig.defaults().threads();
        String label = Messages.bind(Messages.runLabel, new Object[] {++profileCount, options.backend(),
                options.threads()});
        ProfileSweep sweep = new ProfileSweep(target, file, shapes, warmup.getSelection(), runs.getSelection());
        String failed = Messages.bind(Messages.profileFailed, target.name());
        int mine = ++generation;
        current = null;
        refreshCharts();
        status.setText(Messages.running);
        if (job != null) {
            job.cancel();
        }
        job = BackgroundWork.schedule(status, Messages.bind(Messages.job, target.name()), Messages.failedTitle, failed,
                () -> status.setText(failed), () -> {
                    if (mine == generation) {
                        status.setText(Messages.cancelled);
                    }
                }, null, monitor -> {
                    ProfileSweep.Result result = sweep.run(label, options, maxThreads, monitor);
                    return () -> {
                        if (graph == target && mine == generation) {
                            current = result;
                            Analysis.get().publishProfile(target, result.profile());
                            refreshCharts();
                        }
                    };
                });
    }

    /** The last profiling job (running or done), or null. */
    public Job getJob() {
        return job;
    }

    private void refreshCharts() {
        ProfileSweep.Result r = current;
        if (r == null) {
            topChart.setChart(null);
            latencyChart.setChart(null);
            return;
        }
        topChart.setChart(ProfileCharts.topOpsChart(ProfileCharts.topOps(r, comparison, topN.getSelection())));
        latencyChart.setChart(ProfileCharts.latencyChart(ProfileCharts.latency(r, comparison)));
        String text = describe(Messages.summary, r);
        if (!r.skipped().isEmpty()) {
            text += "; " + Messages.bind(Messages.skipped, r.skipped());
        }
        if (comparison != null) {
            text += "; " + describe(Messages.comparing, comparison);
        }
        status.setText(text);
        status.getParent().layout(true);
    }

    private static String describe(String pattern, ProfileSweep.Result r) {
        Profile p = r.profile();
        return Messages.bind(pattern, new Object[] {r.label(),
                String.format(Locale.ROOT, "%.3f", p.medianRunNanos() / 1e6), p.backend(), p.threads(),
                p.ops().size()});
    }

    /** Loads a saved CSV as the current profile. */
    public void load(Path file) throws IOException {
        current = read(file);
        Analysis.get().publishProfile(graph, current.profile());
        refreshCharts();
    }

    /** Loads a saved CSV as the second series of both charts. */
    public void compare(Path file) throws IOException {
        comparison = read(file);
        refreshCharts();
    }

    private static ProfileSweep.Result read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return ProfileSweep.Result.of(file.getFileName().toString(), ProfileExport.readCsv(in));
        }
    }

    public void exportCsv(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            ProfileExport.writeCsv(requireCurrent().profile(), out);
        }
    }

    public void exportTrace(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            ProfileExport.writeChromeTrace(requireCurrent().profile(), out);
        }
    }

    /** Both charts side by side, at the size they have on screen. */
    public void exportPng(Path file) throws IOException {
        requireCurrent();
        ChartImages.saveSideBySide(topChart, latencyChart, file);
    }

    private ProfileSweep.Result requireCurrent() throws IOException {
        ProfileSweep.Result r = current;
        if (r == null) {
            throw new IOException("nothing to export yet: run Profile or load a profile first");
        }
        return r;
    }

    /** A file action that may fail: the failure goes to a dialog naming the file. */
    private interface FileAction {
        void run(Path file) throws IOException;
    }

    private void export(String pattern, FileAction action) {
        FileDialog dialog = new FileDialog(status.getShell(), SWT.SAVE);
        dialog.setFilterExtensions(new String[] {pattern});
        dialog.setFileName(graph.name() + "-profile" + pattern.substring(1));
        dialog.setOverwrite(true);
        run(dialog.open(), action, Messages.exportFailed);
    }

    private void open(FileAction action) {
        FileDialog dialog = new FileDialog(status.getShell(), SWT.OPEN);
        dialog.setFilterExtensions(new String[] {"*.csv", "*"});
        run(dialog.open(), action, Messages.loadFailed);
    }

    private void run(String file, FileAction action, String failure) {
        if (file == null) {
            return;
        }
        try {
            action.run(Path.of(file));
        } catch (IOException | RuntimeException e) {
            ErrorReports.show(status.getShell(), Messages.failedTitle, Messages.bind(failure, file), e);
        }
    }

    /** The profile shown (run or loaded), or null. */
    public ProfileSweep.Result getCurrent() {
        return current;
    }

    public ProfileSweep.Result getComparison() {
        return comparison;
    }

    public ChartCanvas getTopChart() {
        return topChart;
    }

    public ChartCanvas getLatencyChart() {
        return latencyChart;
    }

    public Spinner getRunsSpinner() {
        return runs;
    }

    public Spinner getWarmupSpinner() {
        return warmup;
    }

    public Label getStatus() {
        return status;
    }

    @Override
    public void setFocus() {
        topChart.setFocus();
    }

    @Override
    public void dispose() {
        ModelService.get().removeListener(modelListener);
        if (job != null) {
            job.cancel();
        }
        super.dispose();
    }
}

package org.walle.deploy.ui;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.walle.deploy.ui.internal.release.CoverageSample;
import org.walle.deploy.ui.internal.release.RolloutSample;

/**
 * The dashboard's three charts, fed only from what the server answers: coverage (devices running each version of
 * the watched task, from the devices' install reports, plus the devices assigned the watched release), the current
 * stage's outcome reports and the install failures per version, and the stage's p95 latency. Coverage belongs to
 * the task, so it goes on when another rollout of the same task is watched; the stage charts start over.
 */
final class DashboardCharts {
    /** One colour per version (in the order versions appear), kept apart from the reports' green and red. */
    private static final Color[] VERSION_COLORS = {new Color(31, 119, 180), new Color(255, 127, 14),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207)};
    private static final TimeChart.Style SUCCESS = new TimeChart.Style(new Color(44, 160, 44), false);
    private static final TimeChart.Style ERROR = new TimeChart.Style(new Color(214, 39, 40), false);
    private final TimeChart coverage;
    private final TimeChart reports;
    private final TimeChart latency;
    /** Version labels charted so far; a version missing from a poll has no device any more and is drawn at 0. */
    private final Set<String> versions = new LinkedHashSet<>();
    private double lastCoverageAt = Double.NaN;
    /** The line of devices assigned the watched release, or {@code null}. */
    private String watchedAssigned;

    DashboardCharts(Composite parent) {
        Composite charts = new Composite(parent, SWT.NONE);
        charts.setLayout(new GridLayout(3, true));
        charts.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        coverage = chart(charts, ReleaseMessages.Dashboard_coverageChart, ReleaseMessages.Dashboard_devices);
        reports = chart(charts, ReleaseMessages.Dashboard_reportsChart, ReleaseMessages.Dashboard_reports);
        latency = chart(charts, ReleaseMessages.Dashboard_latencyChart, ReleaseMessages.Dashboard_ms);
        reports.style(ReleaseMessages.Dashboard_successes, SUCCESS);
        reports.style(ReleaseMessages.Dashboard_errors, ERROR);
        latency.style(ReleaseMessages.Dashboard_p95, new TimeChart.Style(VERSION_COLORS[0], false));
    }

    private static TimeChart chart(Composite parent, String title, String yLabel) {
        TimeChart c = new TimeChart(parent, title, ReleaseMessages.Dashboard_time, yLabel);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true);
        gd.minimumHeight = 200;
        gd.minimumWidth = 200;
        c.setLayoutData(gd);
        return c;
    }

    /** Another task: everything starts over. */
    void clearAll() {
        coverage.clear();
        versions.clear();
        lastCoverageAt = Double.NaN;
        watchedAssigned = null;
        clearStage();
    }

    /** Another rollout of the same task: the stage charts and the assigned line start over. */
    void clearStage() {
        reports.clear();
        latency.clear();
        if (watchedAssigned != null) {
            coverage.remove(watchedAssigned);
            watchedAssigned = null;
        }
    }

    /** The rollout's current stage: its outcome reports and p95 latency. */
    void addStage(double t, RolloutSample s) {
        reports.add(ReleaseMessages.Dashboard_successes, t, s.successes());
        reports.add(ReleaseMessages.Dashboard_errors, t, s.errors());
        latency.add(ReleaseMessages.Dashboard_p95, t, s.p95LatencyMs());
    }

    /**
     * One coverage poll. A version seen for the first time reached no device at the previous poll (the server lists
     * every release that did), so its lines start at 0 there: the chart shows the rise, not a jump from nowhere.
     */
    void addCoverage(double t, CoverageSample c, long watchedReleaseId, String watchedVersion) {
        Map<String, CoverageSample.Version> now = new LinkedHashMap<>();
        long assigned = 0;
        String watchedLabel = watchedVersion;
        for (CoverageSample.Version v : c.versions()) {
            now.put(v.label(), v);
            if (v.releaseId() == watchedReleaseId) {
                assigned = v.assigned();
                watchedLabel = v.label();
            }
            if (versions.add(v.label())) {
                Color color = VERSION_COLORS[(versions.size() - 1) % VERSION_COLORS.length];
                coverage.style(installedSeries(v.label()), new TimeChart.Style(color, false));
                coverage.style(assignedSeries(v.label()), new TimeChart.Style(color, true));
                reports.style(failedSeries(v.label()), new TimeChart.Style(color, true));
                if (!Double.isNaN(lastCoverageAt)) {
                    coverage.add(installedSeries(v.label()), lastCoverageAt, 0);
                    reports.add(failedSeries(v.label()), lastCoverageAt, 0);
                }
            }
        }
        for (String label : versions) {
            CoverageSample.Version v = now.get(label);
            coverage.add(installedSeries(label), t, v == null ? 0 : v.installed());
            reports.add(failedSeries(label), t, v == null ? 0 : v.installFailed());
        }
        String name = assignedSeries(watchedLabel);
        if (watchedAssigned != null && !watchedAssigned.equals(name)) {
            coverage.remove(watchedAssigned); // a second release of the same version renamed the line
        }
        watchedAssigned = name;
        coverage.add(name, t, assigned);
        lastCoverageAt = t;
    }

    static String installedSeries(String versionLabel) {
        return NLS.bind(ReleaseMessages.Dashboard_installed, versionLabel);
    }

    static String assignedSeries(String versionLabel) {
        return NLS.bind(ReleaseMessages.Dashboard_assigned, versionLabel);
    }

    static String failedSeries(String versionLabel) {
        return NLS.bind(ReleaseMessages.Dashboard_installFailed, versionLabel);
    }

    TimeChart coverage() {
        return coverage;
    }

    TimeChart reports() {
        return reports;
    }

    TimeChart latency() {
        return latency;
    }
}

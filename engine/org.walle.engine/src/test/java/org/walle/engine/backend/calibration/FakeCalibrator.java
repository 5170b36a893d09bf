package org.walle.engine.backend.calibration;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A calibrator whose passes return scripted figures ("gflops", larger is faster; "launchUs", smaller is faster) and
 * whose probe returns a scripted value, counting how often each is called.
 */
final class FakeCalibrator implements Calibrator {
    final Deque<double[]> passes = new ArrayDeque<>();
    double probeValue = 1;
    RuntimeException probeFailure;
    String device = "dev-1";
    int measured;
    int probed;
    private final String key;

    FakeCalibrator(String key, List<double[]> passes) {
        this.key = key;
        this.passes.addAll(passes);
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public Set<String> figureNames() {
        return Set.of("gflops", "launchUs");
    }

    @Override
    public Map<String, Double> measure() {
        measured++;
        double[] p = passes.isEmpty() ? new double[] {1, 100} : passes.poll();
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("gflops", p[0]);
        f.put("launchUs", p[1]);
        return f;
    }

    @Override
    public boolean lowerIsFaster(String figure) {
        return figure.equals("launchUs");
    }

    @Override
    public String probeFigure() {
        return "gflops";
    }

    @Override
    public double probe() {
        probed++;
        if (probeFailure != null) {
            throw probeFailure;
        }
        return probeValue;
    }

    @Override
    public Set<String> factNames() {
        return Set.of("device");
    }

    @Override
    public Map<String, String> facts() {
        return Map.of("device", device);
    }
}

package org.walle.deploy.ui.internal.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The stage ladder typed as percentages ({@code 1, 5, 20, 50, 100}): each number below 100 is a GRAY stage of that
 * share of the policy's matches, 100 is the FULL stage. Every stage gets the same thresholds. Percentages must rise,
 * since stages are cumulative and a narrower stage after a wider one would reach nobody new.
 */
public record StagePlan(List<Double> percents, int minReports, double maxErrorRate, double successRate,
        boolean rollbackOnError, boolean autoAdvance) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses the wizard's fields; throws {@link IllegalArgumentException} naming the wrong one. */
    public static StagePlan parse(String ladder, String minReports, String maxErrorPercent, String successPercent,
            boolean rollbackOnError, boolean autoAdvance) {
        List<Double> percents = new ArrayList<>();
        for (String part : (ladder == null ? "" : ladder).split("[,;>\\s]+")) {
            String p = part.replace("%", "").replace("-", "").strip();
            if (p.isEmpty()) {
                continue;
            }
            double v = number("stage", p);
            if (!(v > 0 && v <= 100)) {
                throw new IllegalArgumentException("stage " + p + "% must be in (0, 100]");
            }
            if (!percents.isEmpty() && v <= percents.get(percents.size() - 1)) {
                throw new IllegalArgumentException("stages must rise: " + p + "% after "
                        + fmt(percents.get(percents.size() - 1)) + "%");
            }
            percents.add(v);
        }
        if (percents.isEmpty()) {
            throw new IllegalArgumentException("give at least one stage, e.g. 1, 5, 20, 50, 100");
        }
        double min = number("minimum reports", minReports);
        if (min < 1 || min != Math.rint(min)) {
            throw new IllegalArgumentException("minimum reports must be a whole number >= 1, got " + minReports);
        }
        double err = percent("maximum error rate", maxErrorPercent);
        double ok = percent("success rate", successPercent);
        return new StagePlan(List.copyOf(percents), (int) min, err / 100, ok / 100, rollbackOnError, autoAdvance);
    }

    /** The {@code stages} array of {@code POST /api/v1/rollouts}. */
    public JsonNode toJson() {
        ArrayNode stages = JSON.createArrayNode();
        for (double p : percents) {
            ObjectNode s = stages.addObject();
            s.put("kind", p >= 100 ? "FULL" : "GRAY");
            if (p < 100) {
                s.put("percent", p);
            }
            ObjectNode t = s.putObject("thresholds");
            t.put("minReports", minReports).put("maxErrorRate", maxErrorRate).put("successRate", successRate)
                    .put("errorAction", rollbackOnError ? "ROLLBACK" : "PAUSE").put("autoAdvance", autoAdvance);
        }
        return stages;
    }

    /** {@code 1% -> 5% -> full}, for the review page. */
    public String describe() {
        List<String> names = percents.stream().map(p -> p >= 100 ? "full" : fmt(p) + "%").toList();
        return String.join(" -> ", names) + String.format(Locale.ROOT,
                "; after %d reports a stage %s above %s%% errors, %s at %s%% successes", minReports,
                rollbackOnError ? "rolls back" : "pauses", fmt(maxErrorRate * 100),
                autoAdvance ? "advances" : "waits for Advance", fmt(successRate * 100));
    }

    private static double percent(String what, String text) {
        double v = number(what, text);
        if (!(v >= 0 && v <= 100)) {
            throw new IllegalArgumentException(what + " must be a percentage in [0, 100], got " + text.strip());
        }
        return v;
    }

    private static double number(String what, String text) {
        String t = text == null ? "" : text.strip();
        try {
            double v = Double.parseDouble(t);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, got '" + t + "'");
        }
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}

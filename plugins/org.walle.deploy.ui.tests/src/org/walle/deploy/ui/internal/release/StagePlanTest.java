package org.walle.deploy.ui.internal.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The stage ladder field to rollout stages. Hostile input: falling or repeated percentages, 0 and above 100, no
 * stage at all, fractional report counts, rates outside [0, 100], NaN.
 */
class StagePlanTest {
    @Test
    void ladderBecomesGrayStagesAndAFullOne() {
        StagePlan p = StagePlan.parse("1% -> 5% -> 20, 50; 100", "5", "20", "95", true, false);
        assertEquals(List.of(1.0, 5.0, 20.0, 50.0, 100.0), p.percents());
        String json = p.toJson().toString();
        assertTrue(json.startsWith("[{\"kind\":\"GRAY\",\"percent\":1.0,\"thresholds\":{\"minReports\":5,"
                + "\"maxErrorRate\":0.2,\"successRate\":0.95,\"errorAction\":\"ROLLBACK\",\"autoAdvance\":false}}"),
                json);
        assertTrue(json.endsWith("{\"kind\":\"FULL\",\"thresholds\":{\"minReports\":5,\"maxErrorRate\":0.2,"
                + "\"successRate\":0.95,\"errorAction\":\"ROLLBACK\",\"autoAdvance\":false}}]"), json);
        assertTrue(p.describe().startsWith("1% -> 5% -> 20% -> 50% -> full; "), p.describe());
    }

    @Test
    void badInputNamesWhatIsWrong() {
        assertMessage("rise", "50, 20", "5", "20", "95");
        assertMessage("rise", "5, 5", "5", "20", "95");
        assertMessage("(0, 100]", "0, 100", "5", "20", "95");
        assertMessage("(0, 100]", "150", "5", "20", "95");
        assertMessage("at least one stage", " , ", "5", "20", "95");
        assertMessage("minimum reports", "100", "2.5", "20", "95");
        assertMessage("maximum error rate", "100", "5", "120", "95");
        assertMessage("success rate", "100", "5", "20", "NaN");
    }

    private static void assertMessage(String part, String ladder, String min, String err, String ok) {
        String m = assertThrows(IllegalArgumentException.class,
                () -> StagePlan.parse(ladder, min, err, ok, false, false)).getMessage();
        assertTrue(m.contains(part), "'" + m + "' should contain '" + part + "'");
    }
}

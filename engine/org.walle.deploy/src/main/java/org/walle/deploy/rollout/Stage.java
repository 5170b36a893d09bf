package org.walle.deploy.rollout;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One rollout stage. {@code group} is required for BETA, {@code percent} (0 < p <= 100) for GRAY.
 */
public record Stage(StageKind kind, String group, double percent, Thresholds thresholds) {

    /** JSON form: {@code percent} may be left out except for GRAY, {@code thresholds} defaults. */
    @JsonCreator
    public static Stage of(@JsonProperty("kind") StageKind kind, @JsonProperty("group") String group,
            @JsonProperty("percent") Double percent, @JsonProperty("thresholds") Thresholds thresholds) {
        return new Stage(kind, group, percent == null ? (kind == StageKind.FULL ? 100 : 0) : percent, thresholds);
    }

    public Stage {
        if (kind == null) {
            throw new IllegalArgumentException("stage.kind must be one of SIMULATION, BETA, GRAY, FULL");
        }
        if (kind == StageKind.BETA && (group == null || group.isBlank())) {
            throw new IllegalArgumentException("a BETA stage needs a non-empty group");
        }
        if (kind == StageKind.GRAY && !(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("a GRAY stage needs 0 < percent <= 100, was " + percent);
        }
        if (thresholds == null) {
            thresholds = Thresholds.DEFAULT;
        }
    }

    /** The usual ladder: simulation, beta group, gray 1% -> 5% -> 20% -> 50%, full. */
    public static List<Stage> standard(String betaGroup, Thresholds t) {
        return List.of(new Stage(StageKind.SIMULATION, null, 0, t), new Stage(StageKind.BETA, betaGroup, 0, t),
                new Stage(StageKind.GRAY, null, 1, t), new Stage(StageKind.GRAY, null, 5, t),
                new Stage(StageKind.GRAY, null, 20, t), new Stage(StageKind.GRAY, null, 50, t),
                new Stage(StageKind.FULL, null, 100, t));
    }
}

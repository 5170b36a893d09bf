package org.walle.deploy.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Every (status, verb) pair: the legal ones land where the table says, the rest throw. */
class RolloutTransitionsTest {
    private static final Map<RolloutStatus, Set<RolloutVerb>> LEGAL = Map.of(
            RolloutStatus.CREATED, Set.of(RolloutVerb.START),
            RolloutStatus.RUNNING, Set.of(RolloutVerb.PAUSE, RolloutVerb.ADVANCE, RolloutVerb.ROLLBACK),
            RolloutStatus.PAUSED, Set.of(RolloutVerb.RESUME, RolloutVerb.ADVANCE, RolloutVerb.ROLLBACK),
            RolloutStatus.COMPLETED, Set.of(RolloutVerb.ROLLBACK),
            RolloutStatus.ROLLED_BACK, Set.of());

    @Test
    void everyPairIsLegalExactlyWhenTheTableSaysSo() {
        int checked = 0;
        for (RolloutStatus s : RolloutStatus.values()) {
            for (RolloutVerb v : RolloutVerb.values()) {
                boolean legal = LEGAL.get(s).contains(v);
                assertEquals(legal, RolloutTransitions.isLegal(s, v), s + " + " + v);
                if (!legal) {
                    IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                            () -> RolloutTransitions.apply(s, 1, 3, v));
                    assertTrue(e.getMessage().contains(s.name()) && e.getMessage().contains(v.wireName()), e.getMessage());
                }
                checked++;
            }
        }
        assertEquals(25, checked);
    }

    @Test
    void targetsOfLegalTransitions() {
        assertEquals(new RolloutTransitions.Next(RolloutStatus.RUNNING, 0),
                RolloutTransitions.apply(RolloutStatus.CREATED, 0, 3, RolloutVerb.START));
        assertEquals(new RolloutTransitions.Next(RolloutStatus.PAUSED, 1),
                RolloutTransitions.apply(RolloutStatus.RUNNING, 1, 3, RolloutVerb.PAUSE));
        assertEquals(new RolloutTransitions.Next(RolloutStatus.RUNNING, 1),
                RolloutTransitions.apply(RolloutStatus.PAUSED, 1, 3, RolloutVerb.RESUME));
        assertEquals(new RolloutTransitions.Next(RolloutStatus.RUNNING, 2),
                RolloutTransitions.apply(RolloutStatus.RUNNING, 1, 3, RolloutVerb.ADVANCE));
        assertEquals(new RolloutTransitions.Next(RolloutStatus.RUNNING, 2),
                RolloutTransitions.apply(RolloutStatus.PAUSED, 1, 3, RolloutVerb.ADVANCE));
        // advancing past the last stage completes the rollout and keeps the stage index
        assertEquals(new RolloutTransitions.Next(RolloutStatus.COMPLETED, 2),
                RolloutTransitions.apply(RolloutStatus.RUNNING, 2, 3, RolloutVerb.ADVANCE));
        for (RolloutStatus s : new RolloutStatus[] {RolloutStatus.RUNNING, RolloutStatus.PAUSED, RolloutStatus.COMPLETED}) {
            assertEquals(RolloutStatus.ROLLED_BACK, RolloutTransitions.apply(s, 2, 3, RolloutVerb.ROLLBACK).status());
        }
    }

    @Test
    void verbsParseFromWireNamesAndRejectOthers() {
        for (RolloutVerb v : RolloutVerb.values()) {
            assertEquals(v, RolloutVerb.parse(v.wireName()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RolloutVerb.parse("explode"));
        assertTrue(e.getMessage().contains("explode"));
    }

    @Test
    void stagesAndThresholdsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Stage(StageKind.GRAY, null, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new Stage(StageKind.GRAY, null, 101, null));
        assertThrows(IllegalArgumentException.class, () -> new Stage(StageKind.BETA, " ", 0, null));
        assertThrows(IllegalArgumentException.class, () -> new Thresholds(0, 0.1, 0, 0.9, ErrorAction.PAUSE, false));
        assertThrows(IllegalArgumentException.class, () -> new Thresholds(1, 1.5, 0, 0.9, ErrorAction.PAUSE, false));
        assertThrows(IllegalArgumentException.class, () -> new Thresholds(1, 0.1, -1, 0.9, ErrorAction.PAUSE, false));
        assertEquals(7, Stage.standard("beta", Thresholds.DEFAULT).size());
    }
}

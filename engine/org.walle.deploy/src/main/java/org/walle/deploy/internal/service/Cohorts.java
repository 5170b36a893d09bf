package org.walle.deploy.internal.service;

import org.walle.deploy.model.Device;
import org.walle.deploy.policy.Policy;
import org.walle.deploy.policy.StableBucket;
import org.walle.deploy.rollout.Rollout;
import org.walle.deploy.rollout.Stage;

/**
 * Which stage first reaches a device. The policy decides whether the device is targeted at all; each stage then
 * narrows: SIMULATION to emulated profiles, BETA to one user group, GRAY to a stable percentage of the targeted
 * devices (salted differently from policy percentages, so "5%" means 5% of the matches), FULL to all of them.
 * Stages are cumulative: a device reached at stage 2 stays assigned at stage 5.
 */
final class Cohorts {
    private Cohorts() {
    }

    /** The lowest stage index <= {@code upTo} that includes the device, or -1. */
    static int firstStage(Rollout r, Policy policy, Device d, int upTo) {
        String salt = Long.toString(r.releaseId());
        if (!policy.matches(d.id(), d.attributes(), salt)) {
            return -1;
        }
        for (int i = 0; i <= upTo && i < r.stages().size(); i++) {
            if (includes(r.stages().get(i), d, r.releaseId())) {
                return i;
            }
        }
        return -1;
    }

    static boolean includes(Stage s, Device d, long releaseId) {
        switch (s.kind()) {
            case SIMULATION:
                return d.attributes().emulated();
            case BETA:
                return s.group().equals(d.attributes().userGroup());
            case GRAY:
                return StableBucket.inPercent(d.id(), "gray:" + releaseId, s.percent());
            default:
                return true;
        }
    }
}

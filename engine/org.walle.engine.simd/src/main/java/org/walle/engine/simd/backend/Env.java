package org.walle.engine.simd.backend;

import org.walle.engine.simd.Cost;
import org.walle.engine.simd.MachineSpeed;

/** What every algorithm factory of one backend needs: the calibrated speeds and the thread count. */
record Env(MachineSpeed speed, int threads) {
    double seconds(Cost cost) {
        return cost.seconds(speed, threads);
    }
}

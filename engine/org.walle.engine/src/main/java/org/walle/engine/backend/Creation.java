package org.walle.engine.backend;

import java.util.List;

/** A backend's answer to "can you run this command?". */
public sealed interface Creation {
    /** The algorithms it can use, cheapest estimate not necessarily first. */
    record Supported(List<Algorithm> algorithms) implements Creation {
        public Supported {
            if (algorithms.isEmpty()) {
                throw new IllegalArgumentException("a supported command needs at least one algorithm");
            }
            algorithms = List.copyOf(algorithms);
        }
    }

    /** Why not, in words a user can act on ("float16 operands", "no OpenCL kernel for SCAN_AXIS"). */
    record Unsupported(String reason) implements Creation {
    }

    static Creation of(Algorithm... algorithms) {
        return new Supported(List.of(algorithms));
    }

    static Creation unsupported(String reason) {
        return new Unsupported(reason);
    }
}

package org.walle.engine.backend.ref;

import java.util.Optional;

import org.walle.engine.backend.Algorithm;
import org.walle.engine.backend.Backend;
import org.walle.engine.backend.BackendConfig;
import org.walle.engine.backend.BackendProvider;
import org.walle.engine.backend.CommandCost;
import org.walle.engine.backend.Creation;
import org.walle.engine.decompose.Command;

/** The scalar reference backend behind the SPI: runs every atomic op, single-threaded, the oracle. */
public final class CpuReferenceBackend implements Backend {
    public static final String NAME = "cpu-ref";

    /** Always available: it is plain Java. */
    public static final class Provider implements BackendProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public int rank() {
            return 0;
        }

        @Override
        public boolean hostMemory() {
            return true;
        }

        @Override
        public Optional<String> unavailableReason() {
            return Optional.empty();
        }

        @Override
        public Backend create(BackendConfig config) {
            return new CpuReferenceBackend();
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean hostMemory() {
        return true;
    }

    @Override
    public Creation onCreate(Command command) {
        ReferenceSpeed speed = ReferenceSpeed.measured();
        double flops = CommandCost.flops(command);
        double seconds = flops / speed.flopsPerSecond() + CommandCost.bytes(command) / speed.bytesPerSecond();
        return Creation.of(new Algorithm("scalar", flops, seconds,
                () -> (in, out) -> ReferenceBackend.execute(command, in, out)));
    }

    @Override
    public double overheadSeconds() {
        return 1e-7;
    }

    @Override
    public double copySeconds(long bytes) {
        return 0;
    }
}

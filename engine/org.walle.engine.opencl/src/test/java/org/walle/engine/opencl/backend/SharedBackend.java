package org.walle.engine.opencl.backend;

import java.util.List;
import java.util.Optional;
import org.walle.engine.backend.Backend;
import org.walle.engine.backend.BackendConfig;
import org.walle.engine.backend.BackendProvider;
import org.walle.engine.backend.Creation;
import org.walle.engine.backend.ref.Data;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.PlanTensor;

/**
 * One OpenCL backend shared by many short sessions (hundreds of node tests would otherwise open as many contexts):
 * a session closing it only releases the plan's buffers. Registered under the name "opencl".
 */
final class SharedBackend implements Backend {
    private final OpenClBackend device;

    SharedBackend(OpenClBackend device) {
        this.device = device;
    }

    BackendProvider provider() {
        Backend self = this;
        return new BackendProvider() {
            @Override
            public String name() {
                return OpenClBackend.NAME;
            }

            @Override
            public int rank() {
                return 5;
            }

            @Override
            public boolean hostMemory() {
                return false;
            }

            @Override
            public Optional<String> unavailableReason() {
                return Optional.empty();
            }

            @Override
            public Backend create(BackendConfig config) {
                return self;
            }
        };
    }

    @Override
    public String name() {
        return device.name();
    }

    @Override
    public boolean hostMemory() {
        return false;
    }

    @Override
    public Creation onCreate(Command command) {
        return device.onCreate(command);
    }

    @Override
    public double overheadSeconds() {
        return device.overheadSeconds();
    }

    @Override
    public double copySeconds(long bytes) {
        return device.copySeconds(bytes);
    }

    @Override
    public void onResize(List<PlanTensor> tensors) {
        device.onResize(tensors);
    }

    @Override
    public void onCopyIn(PlanTensor tensor, Data host) {
        device.onCopyIn(tensor, host);
    }

    @Override
    public void onCopyOut(PlanTensor tensor, Data host) {
        device.onCopyOut(tensor, host);
    }

    @Override
    public void close() {
        device.onResize(List.of());
    }
}

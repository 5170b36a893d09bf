package org.walle.device;

import java.util.List;

/**
 * What one run produced: outputs in emission order, the console text, and the error (null on success; for script
 * errors it names the file and line).
 *
 * @param hostNanos wall time the run took on this machine
 */
public record TaskRunResult(List<DeviceOutput> outputs, String console, String error, long hostNanos) {
    public TaskRunResult {
        outputs = List.copyOf(outputs);
        console = console == null ? "" : console;
    }

    public boolean ok() {
        return error == null;
    }
}

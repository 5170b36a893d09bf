package org.walle.engine.opencl.backend;

import java.util.Locale;
import java.util.Map;

/**
 * What the calibration measured on one device: the throughput of the tiled, register-blocked and direct GEMM
 * kernels, on-device memory bandwidth (a copy kernel), host-device transfer bandwidth (blocking write and read) and
 * the cost of one launch waited for with clFinish.
 */
public record DeviceSpeed(double tiledFlopsPerSecond, double blockedFlopsPerSecond, double directFlopsPerSecond,
        double deviceBytesPerSecond, double copyBytesPerSecond, double launchSeconds) {

    public DeviceSpeed {
        boolean positive = tiledFlopsPerSecond > 0 && blockedFlopsPerSecond > 0 && directFlopsPerSecond > 0
                && deviceBytesPerSecond > 0 && copyBytesPerSecond > 0;
        if (!positive || !(launchSeconds >= 0)) {
            throw new IllegalArgumentException("calibration gave unusable speeds: " + tiledFlopsPerSecond + ", "
                    + blockedFlopsPerSecond + ", " + directFlopsPerSecond + " flop/s, " + deviceBytesPerSecond
                    + " and " + copyBytesPerSecond + " B/s, " + launchSeconds + " s per launch");
        }
    }

    /** From a calibration's figures (GFLOP/s, GB/s, microseconds; see {@link DeviceCalibrator}). */
    static DeviceSpeed of(Map<String, Double> f) {
        return new DeviceSpeed(f.get(DeviceCalibrator.TILED) * 1e9, f.get(DeviceCalibrator.BLOCKED) * 1e9,
                f.get(DeviceCalibrator.DIRECT) * 1e9, f.get(DeviceCalibrator.DEVICE_BW) * 1e9,
                f.get(DeviceCalibrator.COPY_BW) * 1e9, f.get(DeviceCalibrator.LAUNCH) / 1e6);
    }

    /**
     * The cost formula of one command: FLOPs at the kernel family's measured rate, plus bytes at the device
     * bandwidth, plus the launches beyond the first (the search adds the first as the per-command overhead).
     */
    double estimate(Lowered.Rate rate, double flops, long bytes, long launches) {
        double flopsPerSecond = switch (rate) {
            case TILED -> tiledFlopsPerSecond;
            case BLOCKED -> blockedFlopsPerSecond;
            case DIRECT -> directFlopsPerSecond;
        };
        return flops / flopsPerSecond + bytes / deviceBytesPerSecond + Math.max(0, launches - 1) * launchSeconds;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "GEMM %.2f GFLOP/s tiled, %.2f blocked, %.2f direct; %.2f GB/s on device,"
                + " %.2f GB/s host<->device, %.1f us per launch", tiledFlopsPerSecond / 1e9,
                blockedFlopsPerSecond / 1e9, directFlopsPerSecond / 1e9, deviceBytesPerSecond / 1e9,
                copyBytesPerSecond / 1e9, launchSeconds * 1e6);
    }
}

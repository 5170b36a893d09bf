package org.walle.engine.opencl;

/** One OpenCL device as discovered; {@code platformId}/{@code deviceId} are the native handles. */
public record ClDevice(long platformId, long deviceId, String platformName, String deviceName, String type,
        int computeUnits, long globalMemoryBytes, long maxWorkGroupSize, String version, String driverVersion) {

    /** Identifies the compiled code of this device in the program cache. */
    public String cacheIdentity() {
        return platformName + "|" + deviceName + "|" + version + "|" + driverVersion;
    }

    @Override
    public String toString() {
        return deviceName + " (" + type + ", " + computeUnits + " CUs, " + (globalMemoryBytes >> 20) + " MB, "
                + platformName + ", " + version + ")";
    }
}

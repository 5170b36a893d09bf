package org.walle.deploy.internal.store;

/**
 * How far one release of a task has reached, from the server's own records: {@code assigned} devices are told to
 * run it, {@code installed} devices said they run it (their latest INSTALLED report for the task names it),
 * {@code installFailed} devices' latest install attempt of it failed (they keep running what they had).
 */
public record VersionCoverage(long releaseId, String version, long assigned, long installed, long installFailed) {
}

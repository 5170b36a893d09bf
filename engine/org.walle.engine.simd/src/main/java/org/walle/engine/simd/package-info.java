/**
 * cpu-simd compute kernels on plain float arrays (row-major, NCHW for images) using the Java Vector API
 * ({@code jdk.incubator.vector}) and a shared thread pool, each algorithm with a cost formula for the search.
 */
package org.walle.engine.simd;

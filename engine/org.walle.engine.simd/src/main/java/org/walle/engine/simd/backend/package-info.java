/**
 * The cpu-simd backend behind the engine's backend SPI: {@link org.walle.engine.simd.backend.SimdBackendProvider}
 * (found by ServiceLoader) makes {@link org.walle.engine.simd.backend.SimdBackend}s that answer each atomic command
 * with the algorithms of this bundle's kernels and their calibrated costs, or with the reason they cannot run it.
 * Everything else in the package is implementation.
 */
package org.walle.engine.simd.backend;

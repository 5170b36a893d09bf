/**
 * The "opencl" compute backend behind the engine's backend SPI: lowering of atomic commands to the kernels of
 * backend.cl, device buffers per storage owner, host copies, and cost formulas from a per-device calibration.
 */
package org.walle.engine.opencl.backend;

/** OpenCL compute kernels on LWJGL: device discovery, buffers, cached programs and the atomic-op kernels. */
package org.walle.engine.opencl;

package org.walle.engine.opencl.backend;

/**
 * One atomic command lowered to OpenCL launches. {@link #enqueue} only queues them (a LOOP queues its body many
 * times); the execution that owns it waits for the queue before it returns.
 */
@FunctionalInterface
interface DeviceOp {
    void enqueue(Arg[] inputs, Arg[] outputs);
}

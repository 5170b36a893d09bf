package org.walle.engine.opencl.backend;

import org.walle.engine.opencl.ClBuffer;

/**
 * One kernel operand on the device: the storage owner's buffer, the element the operand starts at (non-zero only
 * inside a LOOP iteration) and the element width in bytes (4 for float32; 1, 2 or 8 for bool, float16 and int64
 * tensors that rasters and selects move). Every launch checks its operands with {@link #need} first, so a wrong
 * size becomes an exception naming the operand instead of an out-of-bounds access on the device.
 */
record Arg(ClBuffer buffer, int offset, String name, int width) {

    Arg(ClBuffer buffer, int offset, String name) {
        this(buffer, offset, name, 4);
    }

    /** Elements of this width the buffer holds. */
    long capacity() {
        return 4L * buffer.floats() / width;
    }

    /** Checks that {@code count} elements starting at the offset lie inside the buffer. */
    Arg need(long count) {
        if (offset < 0 || offset + count > capacity()) {
            throw new IllegalArgumentException("operand " + name + " needs elements [" + offset + ", "
                    + (offset + count) + ") but its OpenCL buffer holds " + capacity());
        }
        return this;
    }

    /** Checks the indices {@code [offset + min, offset + max]} a strided access reaches (max < min: nothing). */
    Arg needRange(long min, long max) {
        if (max < min) {
            return this;
        }
        if (offset + min < 0 || offset + max >= capacity()) {
            throw new IllegalArgumentException("operand " + name + " is accessed at elements [" + (offset + min)
                    + ", " + (offset + max) + "] but its OpenCL buffer holds " + capacity());
        }
        return this;
    }

    Arg shift(int by) {
        return new Arg(buffer, Math.addExact(offset, by), name, width);
    }
}

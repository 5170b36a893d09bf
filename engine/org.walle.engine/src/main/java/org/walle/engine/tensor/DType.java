package org.walle.engine.tensor;

/** Element types a tensor can hold, with their storage size in bytes. */
public enum DType {
    FLOAT32(4), FLOAT16(2), INT8(1), UINT8(1), INT32(4), INT64(8), BOOL(1);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    public int byteSize() {
        return byteSize;
    }
}

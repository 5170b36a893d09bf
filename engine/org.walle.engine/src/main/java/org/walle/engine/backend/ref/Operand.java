package org.walle.engine.backend.ref;

/** A kernel argument: data plus the element offset the command starts at (non-zero inside a Loop). */
public record Operand(Data data, int offset) {
    public double get(int i) {
        return data.get(offset + i);
    }

    public void set(int i, double v) {
        data.set(offset + i, v);
    }

    public long getLong(int i) {
        return data.getLong(offset + i);
    }

    public void setLong(int i, long v) {
        data.setLong(offset + i, v);
    }

    public double[] toDoubles(int n) {
        return data.toDoubles(offset, n);
    }

    public void setDoubles(double[] v) {
        data.setDoubles(offset, v);
    }

    /** The float32 array behind the operand (elements start at {@link #offset()}), or null. */
    public float[] floats() {
        return data.floatArray();
    }

    public Operand shift(int by) {
        return new Operand(data, offset + by);
    }

    public boolean isFloat() {
        return data.isFloat();
    }
}

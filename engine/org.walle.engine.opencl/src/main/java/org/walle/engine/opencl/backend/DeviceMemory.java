package org.walle.engine.opencl.backend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.walle.engine.backend.ref.Data;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.opencl.ClBuffer;
import org.lwjgl.system.MemoryUtil;
import org.walle.engine.tensor.DType;
import org.walle.engine.tensor.Half;

/**
 * Device buffers, one per storage owner (an ALIAS tensor maps to its owner's buffer, as the runtime's residency
 * does), holding the owner's bytes in little-endian element layout whatever its dtype. Buffers are acquired when
 * an execution that touches the tensor is made (at resize, so runs allocate nothing) or on first use, and released
 * when a new plan no longer lists their tensor or the backend closes. Unlike the host arena, device buffers are not
 * pooled by lifetime: simpler, and device memory use is reported.
 */
final class DeviceMemory implements AutoCloseable {

    private final LazyContext cl;
    private final Map<PlanTensor, ClBuffer> buffers = new IdentityHashMap<>();
    private final Map<PlanTensor, ClBuffer> scratch = new IdentityHashMap<>();

    DeviceMemory(LazyContext cl) {
        this.cl = cl;
    }

    /** The buffer of {@code tensor}'s storage owner, acquired if it has none yet. */
    synchronized ClBuffer of(PlanTensor tensor) {
        PlanTensor owner = tensor.storageOwner();
        ClBuffer b = buffers.get(owner);
        if (b == null) {
            // buffers count floats: other element types get the same number of bytes, rounded up
            b = cl.get().buffer(Math.toIntExact(Math.max(1, (owner.bytes() + 3) / 4)));
            buffers.put(owner, b);
        }
        return b;
    }

    /**
     * A work buffer of at least {@code floats} floats belonging to the command that writes {@code key} (im2col
     * columns). Acquired on first use and released with the plan, like tensor buffers.
     */
    synchronized ClBuffer scratch(PlanTensor key, int floats) {
        ClBuffer b = scratch.get(key);
        if (b == null || b.floats() < floats) {
            if (b != null) {
                b.close();
            }
            b = cl.get().buffer(Math.max(1, floats));
            scratch.put(key, b);
        }
        return b;
    }

    Arg arg(PlanTensor tensor) {
        return new Arg(of(tensor), 0, tensor.name(), tensor.dtype().byteSize());
    }

    /** A new plan: releases the buffers of tensors it does not list (the previous plan's) and all scratch. */
    synchronized void keepOnly(List<PlanTensor> owners) {
        scratch.values().forEach(ClBuffer::close);
        scratch.clear();
        Set<PlanTensor> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        for (PlanTensor t : owners) {
            keep.add(t.storageOwner());
        }
        var it = buffers.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (!keep.contains(e.getKey())) {
                e.getValue().close();
                it.remove();
            }
        }
    }

    /** Host to device: the owner's elements (blocking, so the host array may change right after). */
    void copyIn(PlanTensor owner, Data host) {
        ClBuffer b = of(owner);
        int n = owner.elements();
        if (n == 0) {
            return;
        }
        if (owner.dtype() != DType.FLOAT32) {
            ByteBuffer staging = MemoryUtil.memAlloc(Math.toIntExact(owner.bytes())).order(ByteOrder.LITTLE_ENDIAN);
            try {
                for (int i = 0; i < n; i++) {
                    putElement(staging, owner.dtype(), host, i);
                }
                b.writeBytes(staging.flip());
            } finally {
                MemoryUtil.memFree(staging);
            }
            return;
        }
        float[] array = host.floatArray();
        if (array == null) {
            array = new float[n];
            for (int i = 0; i < n; i++) {
                array[i] = (float) host.get(i);
            }
        }
        b.write(array, n);
    }

    /** Device to host: waits for the queue, then copies the owner's elements into the host storage. */
    void copyOut(PlanTensor owner, Data host) {
        ClBuffer b = of(owner);
        int n = owner.elements();
        if (n == 0) {
            return;
        }
        if (owner.dtype() != DType.FLOAT32) {
            ByteBuffer staging = MemoryUtil.memAlloc(Math.toIntExact(owner.bytes())).order(ByteOrder.LITTLE_ENDIAN);
            try {
                b.readBytes(staging);
                for (int i = 0; i < n; i++) {
                    takeElement(staging, owner.dtype(), host, i);
                }
            } finally {
                MemoryUtil.memFree(staging);
            }
            return;
        }
        float[] array = host.floatArray();
        if (array != null) {
            b.read(array, n);
            return;
        }
        float[] staged = b.read(new float[n], n);
        for (int i = 0; i < n; i++) {
            host.set(i, staged[i]);
        }
    }

    /** Appends element {@code i} of {@code host} in its device layout (little-endian, float16 as its bits). */
    private static void putElement(ByteBuffer out, DType dtype, Data host, int i) {
        switch (dtype) {
            case FLOAT16 -> out.putShort(Half.fromFloat((float) host.get(i)));
            case INT64 -> out.putLong(host.getLong(i));
            case INT32 -> out.putInt((int) host.getLong(i));
            case INT8, UINT8, BOOL -> out.put((byte) host.getLong(i));
            default -> out.putFloat((float) host.get(i));
        }
    }

    private static void takeElement(ByteBuffer in, DType dtype, Data host, int i) {
        switch (dtype) {
            case FLOAT16 -> host.set(i, Half.toFloat(in.getShort()));
            case INT64 -> host.setLong(i, in.getLong());
            case INT32 -> host.setLong(i, in.getInt());
            case INT8, BOOL -> host.setLong(i, in.get());
            case UINT8 -> host.setLong(i, in.get() & 0xFF);
            default -> host.set(i, in.getFloat());
        }
    }

    /** Buffers held: one per storage owner plus scratch. */
    synchronized int count() {
        return buffers.size() + scratch.size();
    }

    synchronized long bytes() {
        long sum = 0;
        for (ClBuffer b : buffers.values()) {
            sum += 4L * b.floats();
        }
        for (ClBuffer b : scratch.values()) {
            sum += 4L * b.floats();
        }
        return sum;
    }

    @Override
    public synchronized void close() {
        buffers.values().forEach(ClBuffer::close);
        buffers.clear();
        scratch.values().forEach(ClBuffer::close);
        scratch.clear();
    }
}

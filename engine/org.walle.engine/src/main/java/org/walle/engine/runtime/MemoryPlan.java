package org.walle.engine.runtime;

import java.util.List;

import org.walle.engine.decompose.PlanTensor;

/**
 * Where every arena tensor lives. Buffer 0 is one byte arena for every non-float32 tensor; buffers 1.. are float32
 * arrays handed out as a pool (so vector kernels get plain arrays): tensors whose lifetimes (first to last command
 * touching them) are disjoint share bytes. {@code peakBytes} is what the buffers take together,
 * {@code totalBytes} what one buffer per tensor would take.
 */
public record MemoryPlan(List<Placement> placements, List<Long> bufferBytes, long totalBytes) {
    public MemoryPlan {
        placements = List.copyOf(placements);
        bufferBytes = List.copyOf(bufferBytes);
    }

    /** One tensor's slot: bytes [offset, offset+bytes) of a buffer from command {@code first} to {@code last}. */
    public record Placement(PlanTensor tensor, int buffer, long offset, long bytes, int first, int last) {
        public boolean livesWith(Placement o) {
            return first <= o.last && o.first <= last;
        }

        public boolean sharesBytesWith(Placement o) {
            return buffer == o.buffer && offset < o.offset + o.bytes && o.offset < offset + bytes;
        }
    }

    public long peakBytes() {
        return bufferBytes.stream().mapToLong(Long::longValue).sum();
    }

    /** Two tensors alive at the same time in the same bytes, or null: the invariant the plan must keep. */
    public Placement[] firstConflict() {
        for (int i = 0; i < placements.size(); i++) {
            for (int j = i + 1; j < placements.size(); j++) {
                Placement a = placements.get(i);
                Placement b = placements.get(j);
                if (a.bytes > 0 && b.bytes > 0 && a.livesWith(b) && a.sharesBytesWith(b)) {
                    return new Placement[] {a, b};
                }
            }
        }
        return null;
    }

    /** Peak over the sum of all tensor sizes; 1.0 means no reuse. */
    public double reuseRatio() {
        long peak = peakBytes();
        return totalBytes == 0 ? 1.0 : (double) peak / totalBytes;
    }
}

package org.walle.engine.runtime;

import java.util.List;

import org.walle.engine.decompose.PlanTensor;

/**
 * Where every arena tensor lives: one allocation of {@code peakBytes}, tensors whose lifetimes (first and last
 * command touching them) are disjoint share bytes. {@code totalBytes} is what one buffer per tensor would take.
 */
public record MemoryPlan(List<Placement> placements, long peakBytes, long totalBytes) {
    public MemoryPlan {
        placements = List.copyOf(placements);
    }

    /** One tensor's slot: bytes [offset, offset+bytes) from command {@code first} to command {@code last}. */
    public record Placement(PlanTensor tensor, long offset, long bytes, int first, int last) {
        public boolean livesWith(Placement o) {
            return first <= o.last && o.first <= last;
        }

        public boolean sharesBytesWith(Placement o) {
            return offset < o.offset + o.bytes && o.offset < offset + bytes;
        }
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
        return totalBytes == 0 ? 1.0 : (double) peakBytes / totalBytes;
    }
}

package org.walle.engine.decompose;

/**
 * What decomposition did to a graph: virtual tensors created, vertical merges done and refused (more than 3 dims),
 * Raster commands materialised and their regions (horizontal merges are rasters with several regions), virtual
 * tensors that became free aliases, nodes folded to constants; then the rewrites of the command list: rasters that
 * only repeated a BINARY operand (now that BINARY's broadcast), constant scales and shifts folded into the
 * convolution before them, spelled-out HardSwish and Gelu chains made one UNARY, and activations fused into the
 * convolution before them.
 */
public record MergeStats(int virtualTensors, int verticalMerges, int refusedMerges, int rasters, int rasterRegions,
        int multiRegionRasters, int aliases, int foldedNodes, int fusedBroadcasts, int foldedAffines,
        int activationChains, int convActivations) {
    @Override
    public String toString() {
        return "virtual tensors " + virtualTensors + ", vertical merges " + verticalMerges + " (refused "
                + refusedMerges + "), rasters " + rasters + " with " + rasterRegions + " regions ("
                + multiRegionRasters + " horizontally merged), free reshapes " + aliases + ", folded nodes "
                + foldedNodes + ", broadcasts fused into BINARY " + fusedBroadcasts
                + ", scales/shifts folded into convolutions " + foldedAffines + ", HardSwish/Gelu chains fused "
                + activationChains + ", activations fused into convolutions " + convActivations;
    }
}

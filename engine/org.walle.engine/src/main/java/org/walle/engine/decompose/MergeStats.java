package org.walle.engine.decompose;

/**
 * What decomposition did to a graph: virtual tensors created, vertical merges done and refused (more than 3 dims),
 * Raster commands materialised and their regions (horizontal merges are rasters with several regions), virtual
 * tensors that became free aliases, and nodes folded to constants.
 */
public record MergeStats(int virtualTensors, int verticalMerges, int refusedMerges, int rasters, int rasterRegions,
        int multiRegionRasters, int aliases, int foldedNodes) {
    @Override
    public String toString() {
        return "virtual tensors " + virtualTensors + ", vertical merges " + verticalMerges + " (refused "
                + refusedMerges + "), rasters " + rasters + " with " + rasterRegions + " regions ("
                + multiRegionRasters + " horizontally merged), free reshapes " + aliases + ", folded nodes "
                + foldedNodes;
    }
}

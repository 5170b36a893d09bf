package org.walle.engine.ui;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.jface.viewers.ITreeContentProvider;
import org.walle.engine.decompose.Command;
import org.walle.engine.decompose.Params;
import org.walle.engine.decompose.PlanTensor;
import org.walle.engine.decompose.Region;
import org.walle.engine.decompose.View;

/** Tree rows of the Decomposition view: one per atomic command, a child per Raster region or Loop body. */
final class DecompositionRows {
    private DecompositionRows() {
    }

    /** The region of a raster, with the name of the tensor it reads. */
    record RegionRow(Region region, String sourceName) {
    }

    static String[] columns(Object row) {
        if (row instanceof Command c) {
            return new String[] {c.op().name(), names(c.inputs()), names(c.outputs()), parameters(c)};
        }
        if (row instanceof RegionRow r) {
            int[] size = r.region().size();
            return new String[] {"region", r.sourceName() + " " + view(r.region().src()), view(r.region().dst()),
                    "size [" + size[0] + "," + size[1] + "," + size[2] + "]"};
        }
        return new String[] {String.valueOf(row), "", "", ""};
    }

    private static String parameters(Command c) {
        if (c.params() instanceof Params.Raster r) {
            return r.regions().size() + " region(s)" + (r.fill() != null ? ", fill " + r.fill() : "");
        }
        if (c.params() instanceof Params.Loop l) {
            return "x" + l.count() + " " + l.steps();
        }
        return String.valueOf(c.params());
    }

    private static String view(View v) {
        return "offset " + v.offset() + " stride " + Arrays.toString(v.stride());
    }

    private static String names(List<PlanTensor> tensors) {
        return tensors.stream().map(t -> t.name() + t.shape() + (t.isVirtual() ? " (virtual)" : ""))
                .collect(Collectors.joining(", "));
    }

    static final class ContentProvider implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return input instanceof List<?> list ? list.toArray() : new Object[0];
        }

        @Override
        public Object[] getChildren(Object parent) {
            if (parent instanceof Command c && c.params() instanceof Params.Raster r) {
                return r.regions().stream().map(region -> new RegionRow(region, sourceName(c, region))).toArray();
            }
            if (parent instanceof Command c && c.params() instanceof Params.Loop l) {
                return new Object[] {l.body()};
            }
            return new Object[0];
        }

        private static String sourceName(Command c, Region region) {
            int i = region.source();
            return i >= 0 && i < c.inputs().size() ? c.inputs().get(i).name() : "#" + i;
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return getChildren(element).length > 0;
        }
    }
}

package org.walle.pyvm.internal.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import org.python.core.Py;
import org.python.core.PyDictionary;
import org.python.core.PyList;
import org.python.core.PyModule;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyStringMap;
import org.walle.engine.graph.Graph;
import org.walle.engine.graph.GraphException;
import org.walle.engine.onnx.OnnxImporter;
import org.walle.engine.tensor.Tensor;
import org.walle.pyvm.ModelBackend;
import org.walle.pyvm.TaskContext;
import org.walle.pyvm.TaskPackage;

/**
 * {@code walle.model}: {@code m = walle.model.load('model.onnx', backend='reference')} loads a graph given by the
 * host or an .onnx resource of the package; {@code m.run({'x': arr})} (or {@code m.run(arr)} for one input)
 * returns a dict of output name to ndarray. {@code m.inputs} and {@code m.outputs} list the names.
 */
final class ModelModule {
    private ModelModule() {
    }

    static PyModule create(TaskPackage pkg, TaskContext ctx, Map<String, ModelBackend> backends) {
        PyStringMap d = new PyStringMap();
        NpModule.put(d, "load", "load(name, backend='reference') -> model", a -> {
            String name = a.expect("name", "backend").required(0, "name").toString();
            String backendName = a.get(1, "backend", new PyString("reference")).toString();
            ModelBackend backend = backends.get(backendName);
            if (backend == null) {
                throw Py.ValueError("unknown backend '" + backendName + "' (available: "
                        + new TreeSet<>(backends.keySet()) + ")");
            }
            Graph g = graph(pkg, ctx, name);
            try {
                return model(name, g, backend.prepare(g));
            } catch (GraphException e) {
                throw Py.ValueError("model '" + name + "' cannot run on backend " + backendName + ": "
                        + e.getMessage());
            }
        });
        NpModule.put(d, "backends", "backends() -> names of the available backends", a -> {
            PyList l = new PyList();
            new TreeSet<>(backends.keySet()).forEach(n -> l.append(new PyString(n)));
            return l;
        });
        return new PyModule("walle.model", d);
    }

    private static Graph graph(TaskPackage pkg, TaskContext ctx, String name) {
        Graph g = ctx.graphs().get(name);
        if (g != null) {
            return g;
        }
        byte[] bytes = pkg.file(name).orElseThrow(() -> Py.IOError("no model '" + name
                + "': neither a graph given by the host " + new TreeSet<>(ctx.graphs().keySet())
                + " nor a file of the task package"));
        if (!name.endsWith(".onnx")) {
            throw Py.ValueError("model resource '" + name + "' is not an .onnx file");
        }
        try {
            return OnnxImporter.load(bytes, null);
        } catch (GraphException e) {
            throw Py.ValueError("cannot load model '" + name + "': " + e.getMessage());
        }
    }

    private static PyObject model(String name, Graph g, ModelBackend.Runner runner) {
        PyStringMap d = new PyStringMap();
        d.__setitem__("name", new PyString(name));
        PyList ins = new PyList();
        g.inputs().forEach(i -> ins.append(new PyString(i)));
        PyList outs = new PyList();
        g.outputs().forEach(o -> outs.append(new PyString(o)));
        d.__setitem__("inputs", ins);
        d.__setitem__("outputs", outs);
        NpModule.put(d, "run", "run({input: array} | array) -> {output: array}", a -> {
            PyObject arg = a.expect("feeds").required(0, "feeds");
            Map<String, Tensor> feeds = new LinkedHashMap<>();
            if (arg instanceof PyDictionary dict) {
                for (PyObject k : dict.keys().asIterable()) {
                    feeds.put(k.toString(), Values.toArray(dict.__getitem__(k)).toTensor());
                }
            } else {
                if (g.inputs().size() != 1) {
                    throw Py.ValueError("model '" + name + "' has inputs " + g.inputs() + ": pass a dict");
                }
                feeds.put(g.inputs().get(0), Values.toArray(arg).toTensor());
            }
            Map<String, Tensor> out;
            try {
                out = runner.run(feeds);
            } catch (GraphException e) {
                throw Py.ValueError("model '" + name + "' failed at " + e.where() + ": " + e.getMessage());
            }
            PyDictionary r = new PyDictionary();
            out.forEach((k, v) -> r.__setitem__(new PyString(k), new PyArray(NdArray.fromTensor(v))));
            return r;
        });
        return new PyModule("walle.model." + name, d);
    }
}

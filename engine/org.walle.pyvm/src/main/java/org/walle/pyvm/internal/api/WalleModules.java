package org.walle.pyvm.internal.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.python.core.Py;
import org.python.core.PyDictionary;
import org.python.core.PyList;
import org.python.core.PyModule;
import org.python.core.PyObject;
import org.python.core.PyString;
import org.python.core.PyStringMap;
import org.walle.pyvm.ModelBackend;
import org.walle.pyvm.TaskContext;
import org.walle.pyvm.TaskOutput;
import org.walle.pyvm.TaskPackage;
import org.walle.pyvm.TriggerEvent;

/**
 * Builds the {@code walle} module of one task run: {@code np}, {@code cv}, {@code model}, {@code events},
 * {@code state}, {@code output} and {@code task}. Every object in it is made here, per run, so tasks share nothing.
 */
public final class WalleModules {
    private WalleModules() {
    }

    public static Map<String, PyModule> create(TaskPackage pkg, TaskContext ctx, Map<String, ModelBackend> backends,
            Consumer<TaskOutput> outputs) {
        Map<String, PyModule> m = new LinkedHashMap<>();
        m.put("walle.np", NpModule.create());
        m.put("walle.cv", CvModule.create(pkg));
        m.put("walle.model", ModelModule.create(pkg, ctx, backends));
        m.put("walle.events", events(ctx));
        m.put("walle.state", state(ctx));
        m.put("walle.output", output(pkg, ctx, outputs));
        m.put("walle.task", task(pkg, ctx));
        PyStringMap top = new PyStringMap();
        top.__setitem__("__name__", new PyString("walle"));
        m.forEach((name, mod) -> top.__setitem__(name.substring("walle.".length()), mod));
        m.put("walle", new PyModule("walle", top));
        return m;
    }

    private static PyModule events(TaskContext ctx) {
        PyStringMap d = new PyStringMap();
        NpModule.put(d, "matched", "matched() -> list of the trigger's matched events (dicts), oldest first", a -> {
            PyList l = new PyList();
            for (TriggerEvent e : ctx.events().matched()) {
                l.append(Values.toPy(e));
            }
            return l;
        });
        NpModule.put(d, "trigger", "trigger() -> the name of the trigger that fired",
                a -> new PyString(ctx.events().trigger()));
        NpModule.put(d, "count", "count(event_id=None) -> number of matched events (with that id)", a -> {
            PyObject id = a.get(0, "event_id");
            return Py.newInteger(ctx.events().matched().stream()
                    .filter(e -> id == null || id == Py.None || e.eventId().equals(id.toString())).count());
        });
        return new PyModule("walle.events", d);
    }

    private static PyModule state(TaskContext ctx) {
        PyStringMap d = new PyStringMap();
        NpModule.put(d, "get", "get(key, default=None)", a -> {
            String key = a.required(0, "key").toString();
            return ctx.state().get(key).map(Values::toPy).orElse(a.get(1, "default", Py.None));
        });
        NpModule.put(d, "put", "put(key, value): value is None/bool/int/float/str/list/dict/ndarray", a -> {
            ctx.state().put(a.required(0, "key").toString(), Values.toJava(a.required(1, "value")));
            return Py.None;
        });
        NpModule.put(d, "delete", "delete(key) -> whether it was present",
                a -> ctx.state().remove(a.required(0, "key").toString()) ? Py.True : Py.False);
        NpModule.put(d, "keys", "keys(prefix='') -> sorted keys", a -> {
            PyList l = new PyList();
            ctx.state().keys(a.get(0, "prefix", new PyString("")).toString()).forEach(k -> l.append(new PyString(k)));
            return l;
        });
        return new PyModule("walle.state", d);
    }

    private static PyModule output(TaskPackage pkg, TaskContext ctx, Consumer<TaskOutput> outputs) {
        PyStringMap d = new PyStringMap();
        NpModule.put(d, "emit", "emit(name, value): the task's result", a -> emit(pkg, ctx, outputs,
                TaskOutput.Kind.RESULT, a));
        NpModule.put(d, "feature", "feature(name, value): an intermediate feature", a -> emit(pkg, ctx, outputs,
                TaskOutput.Kind.FEATURE, a));
        return new PyModule("walle.output", d);
    }

    private static PyObject emit(TaskPackage pkg, TaskContext ctx, Consumer<TaskOutput> outputs, TaskOutput.Kind kind,
            Args a) {
        TaskOutput o = new TaskOutput(pkg.id(), kind, a.required(0, "name").toString(),
                Values.toJava(a.required(1, "value")));
        outputs.accept(o);
        ctx.sink().accept(o);
        return Py.None;
    }

    private static PyModule task(TaskPackage pkg, TaskContext ctx) {
        PyStringMap d = new PyStringMap();
        d.__setitem__("id", new PyString(pkg.id()));
        d.__setitem__("version", new PyString(pkg.manifest().version()));
        NpModule.put(d, "input", "input(name, default=None) -> an input value", a -> {
            String name = a.required(0, "name").toString();
            Object v = ctx.inputs().get(name);
            return v == null ? a.get(1, "default", Py.None) : Values.toPy(v);
        });
        NpModule.put(d, "inputs", "inputs() -> dict of all inputs", a -> {
            PyDictionary r = new PyDictionary();
            ctx.inputs().forEach((k, v) -> r.__setitem__(new PyString(k), Values.toPy(v)));
            return r;
        });
        NpModule.put(d, "resource", "resource(name) -> the bytes of a package file", a -> {
            String name = a.required(0, "name").toString();
            return Values.toPy(pkg.file(name).orElseThrow(() -> Py.IOError("no resource '" + name
                    + "' in the task package")));
        });
        NpModule.put(d, "text", "text(name) -> a package file decoded as UTF-8", a -> {
            String name = a.required(0, "name").toString();
            return Py.newUnicode(pkg.script(name).orElseThrow(() -> Py.IOError("no resource '" + name
                    + "' in the task package")));
        });
        return new PyModule("walle.task", d);
    }
}

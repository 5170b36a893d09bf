package org.walle.pyvm.internal.api;

import org.python.core.Py;
import org.python.core.PyBuiltinFunction;
import org.python.core.PyException;
import org.python.core.PyObject;

/**
 * A Python-callable Java function that reveals nothing Java: it is typed as a builtin function, so scripts see
 * only {@code __call__}, {@code __name__} and {@code __doc__}; Java exceptions become Python ValueErrors so no
 * Java object (and no {@code getClass()}) ever reaches a script.
 */
public abstract class JFunction extends PyBuiltinFunction {
    private final String fname;

    protected JFunction(String name, String doc) {
        super(name, doc);
        this.fname = name;
    }

    public String functionName() {
        return fname;
    }

    @Override
    public final PyObject __call__(PyObject[] args, String[] keywords) {
        try {
            return call(new Args(fname, args, keywords));
        } catch (PyException e) {
            throw e;
        } catch (ArithmeticException | IllegalArgumentException | IndexOutOfBoundsException
                | UnsupportedOperationException | IllegalStateException e) {
            throw Py.ValueError(fname + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw Py.RuntimeError(fname + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    protected abstract PyObject call(Args args);

    /** Wraps a lambda. */
    public static JFunction of(String name, String doc, java.util.function.Function<Args, PyObject> body) {
        return new JFunction(name, doc) {
            @Override
            protected PyObject call(Args args) {
                return body.apply(args);
            }
        };
    }

    /** Wraps any callable (a Jython reflected function of a Java-implemented module) so only calling is left. */
    public static JFunction opaque(String name, PyObject target) {
        return new JFunction(name, "") {
            @Override
            protected PyObject call(Args args) {
                return target.__call__(args.raw(), args.keywords());
            }
        };
    }
}

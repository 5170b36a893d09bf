package org.walle.pyvm.bench;

/**
 * A CPU-bound loop the concurrency benchmark runs as a task, in the same form for Jython (Python 2) and CPython 3,
 * with the sum computed in Java so every run's output is checked.
 */
enum Workload {
    /**
     * {@code s += i * i % 7}: {@code i * i} leaves Jython's 32-bit int from i = 46341 on, so nearly every step is
     * Python long (BigInteger) arithmetic, about 650 bytes of garbage per step: allocation-heavy.
     */
    LONG("s += i * i % 7") {
        @Override
        long expected(int n) {
            long s = 0;
            for (long i = 0; i < n; i++) {
                s += i * i % 7;
            }
            return s;
        }
    },
    /** {@code s = (s + i * 3) % 1000003}: stays in 32-bit ints, a few small int objects per step. */
    INT("s = (s + i * 3) % 1000003") {
        @Override
        long expected(int n) {
            long s = 0;
            for (long i = 0; i < n; i++) {
                s = (s + i * 3) % 1000003;
            }
            return s;
        }
    };

    private final String statement;

    Workload(String statement) {
        this.statement = statement;
    }

    abstract long expected(int n);

    String statement() {
        return statement;
    }

    /** {@code def work(n)} in the given dialect ({@code xrange} for Python 2, {@code range} for Python 3). */
    String function(boolean python2) {
        return "def work(n):\n    s = 0\n    for i in " + (python2 ? "xrange" : "range") + "(n):\n        "
                + statement + "\n    return s\n";
    }

    String label() {
        return name().toLowerCase();
    }
}

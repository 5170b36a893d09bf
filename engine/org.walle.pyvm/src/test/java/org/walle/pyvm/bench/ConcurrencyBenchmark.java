package org.walle.pyvm.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.walle.pyvm.TaskContext;
import org.walle.pyvm.TaskLimits;
import org.walle.pyvm.TaskPackage;
import org.walle.pyvm.TaskResult;
import org.walle.pyvm.TaskVm;

/**
 * N identical CPU-bound task invocations on 1, 2 and 4 threads: each thread owns N/threads invocations, all threads
 * start together behind a barrier, the wall time runs from the barrier to the last result. Interpreters come warm
 * from a pool as large as a batch (filled before the batch; every invocation's take starts a background refill,
 * which is part of the VM's cost and is measured), the loop is JIT-compiled in an untimed warm-up, and the rows are
 * medians of interleaved rounds whose thread order rotates, so machine noise hits every row alike. CPython threads
 * and processes run the same loop in the same rounds. Besides wall time each Jython row reports the CPU the process
 * used and the task threads' own CPU per invocation: equal CPU per task on 1 and 2 threads with the cores busy means
 * nothing serialises the tasks, whatever the machine load does to the wall times.
 */
final class ConcurrencyBenchmark {
    private static final int[] THREADS = {1, 2, 4};
    private final int tasks;
    private final int iterations;
    private final int rounds;
    private final Path dir;
    private final CpythonPeer cpython;

    ConcurrencyBenchmark(Path dir, int tasks, int iterations, int rounds) {
        if (tasks % 4 != 0) {
            throw new IllegalArgumentException("tasks must be a multiple of 4 (split evenly over 1, 2, 4 threads)");
        }
        this.dir = dir;
        this.tasks = tasks;
        this.iterations = iterations;
        this.rounds = rounds;
        this.cpython = new CpythonPeer(dir);
    }

    /** One Jython batch: wall seconds; CPU seconds of the process, the task threads, the pool refill; GC pauses. */
    record Batch(double wall, double processCpu, double taskCpu, double refillCpu, double gcPause) {
    }

    void run(Workload w) throws Exception {
        TaskPackage pkg = pkg(w);
        String expected = w.expected(iterations) + "\n";
        TaskContext ctx = TaskContext.builder().limits(new TaskLimits(600_000, Long.MAX_VALUE)).build();
        String py = cpython.version();
        Batch[][] jy = new Batch[THREADS.length][rounds];
        double[][] cpThreads = new double[THREADS.length][rounds];
        double[][] cpProcesses = new double[THREADS.length][rounds];
        try (TaskVm vm = new TaskVm(tasks)) {
            vm.awaitWarm(120_000);
            batch(vm, pkg, ctx, expected, 4, 4); // warm-up: JIT-compiles the loop and the invocation path
            batch(vm, pkg, ctx, expected, 2, 1);
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < THREADS.length; k++) {
                    int t = (k + r) % THREADS.length; // rotate: no thread count always runs first
                    jy[t][r] = batch(vm, pkg, ctx, expected, tasks, THREADS[t]);
                }
                if (py != null) {
                    double[] th = cpython.round(w, CpythonPeer.Mode.THREADS, tasks, iterations, THREADS);
                    double[] pr = cpython.round(w, CpythonPeer.Mode.PROCESSES, tasks, iterations, THREADS);
                    for (int t = 0; t < THREADS.length; t++) {
                        cpThreads[t][r] = th[t];
                        cpProcesses[t][r] = pr[t];
                    }
                }
                System.out.printf("  round %d/%d done (load average %.1f)%n", r + 1, rounds, load());
            }
        }
        print(w, jy, py, cpThreads, cpProcesses);
    }

    private TaskPackage pkg(Workload w) throws Exception {
        Path t = Files.createDirectories(dir.resolve("cpu-" + w.label()));
        Files.writeString(t.resolve("task.json"), "{\"id\": \"cpu-" + w.label() + "\", \"version\": \"1\"}");
        Files.writeString(t.resolve("main.py"), w.function(true) + "print work(" + iterations + ")\n");
        return TaskPackage.open(t);
    }

    private static Batch batch(TaskVm vm, TaskPackage pkg, TaskContext ctx, String expected, int tasks, int threads)
            throws Exception {
        vm.awaitWarm(120_000);
        System.gc(); // every batch starts from the same heap: no garbage left by the previous one
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        AtomicLong taskCpuMicros = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int k = 0; k < tasks / threads; k++) {
                        TaskResult r = vm.run(pkg, ctx);
                        if (!r.stdout().equals(expected)) {
                            throw new IllegalStateException("task printed " + r.stdout() + ", expected " + expected);
                        }
                        taskCpuMicros.addAndGet(r.cpuMicros());
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-worker-" + i);
            t.start();
            workers.add(t);
        }
        start.await();
        long refill0 = refillCpuNanos();
        long cpu0 = processCpuNanos();
        long gc0 = gcMillis();
        long t0 = System.nanoTime();
        for (Thread t : workers) {
            t.join();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("benchmark task failed", failure.get());
        }
        return new Batch(wall, (processCpuNanos() - cpu0) / 1e9, taskCpuMicros.get() / 1e6,
                (refillCpuNanos() - refill0) / 1e9, (gcMillis() - gc0) / 1e3);
    }

    private void print(Workload w, Batch[][] jy, String py, double[][] cpThreads, double[][] cpProcesses) {
        System.out.printf("%nconcurrency, workload %s (%s): %d tasks x work(%d), median of %d rounds, "
                + "load average now %.1f%n", w.label(), w.statement(), tasks, iterations, rounds, load());
        System.out.println("| runtime | threads | wall s | tasks/s | vs 1 thread | CPU cores busy | CPU s per task: "
                + "process (task thread, pool refill) | GC pause s |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        double base = median(jy[0], Batch::wall);
        for (int t = 0; t < THREADS.length; t++) {
            double wall = median(jy[t], Batch::wall);
            System.out.printf("| Jython VM | %d | %.2f | %.2f | %.2fx | %.2f | %.3f (%.3f, %.3f) | %.2f |%n", THREADS[t],
                    wall, tasks / wall, base / wall, median(jy[t], b -> b.processCpu() / b.wall()),
                    median(jy[t], b -> b.processCpu() / tasks), median(jy[t], b -> b.taskCpu() / tasks),
                    median(jy[t], b -> b.refillCpu() / tasks), median(jy[t], Batch::gcPause));
        }
        if (py != null) {
            peerRows("CPython " + py + " threads", cpThreads);
            peerRows("CPython " + py + " processes", cpProcesses);
        }
        System.out.printf("RESULT %s: Jython 2 threads vs 1 = %.2fx (target >= 1.8x), 4 threads = %.2fx", w.label(),
                base / median(jy[1], Batch::wall), base / median(jy[2], Batch::wall));
        if (py != null) {
            System.out.printf("; CPython threads %.2fx, CPython processes %.2fx (this machine's ceiling now)",
                    median(cpThreads[0]) / median(cpThreads[1]), median(cpProcesses[0]) / median(cpProcesses[1]));
        }
        System.out.println();
    }

    private void peerRows(String runtime, double[][] walls) {
        double base = median(walls[0]);
        for (int t = 0; t < THREADS.length; t++) {
            double wall = median(walls[t]);
            System.out.printf("| %s | %d | %.2f | %.2f | %.2fx | | | |%n", runtime, THREADS[t], wall, tasks / wall,
                    base / wall);
        }
    }

    private static double median(Batch[] batches, java.util.function.ToDoubleFunction<Batch> f) {
        return median(Arrays.stream(batches).mapToDouble(f).toArray());
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** CPU time of the pool's refill thread (there is one TaskVm in this benchmark). */
    private static long refillCpuNanos() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("walle-pyvm-pool")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Concurrent")) { // pauses; concurrent cycles run beside the tasks
                sum += Math.max(0, gc.getCollectionTime());
            }
        }
        return sum;
    }
}

package org.walle.pyvm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import org.python.core.PySystemState;
import org.walle.pyvm.TaskContext;
import org.walle.pyvm.TaskLimits;
import org.walle.pyvm.TaskPackage;
import org.walle.pyvm.TaskResult;
import org.walle.pyvm.TaskVm;
import org.walle.pyvm.internal.sandbox.Policy;
import org.walle.pyvm.internal.vm.InterpreterPool;

/**
 * Python VM figures for docs/benchmarks.md: (1) N identical CPU-bound tasks with 1, 2 and 4 running at a time, next
 * to CPython running the same loop on 1, 2 and 4 threads; (2) task start latency cold and warm; (3) heap per live
 * interpreter. Run: see docs/benchmarks.md (section Python VM). Arguments: [tasks] [loop iterations].
 */
public final class VmBenchmark {
    private VmBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 3_000_000;
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors() + ", java "
                + System.getProperty("java.version"));
        Path dir = Files.createTempDirectory("walle-vm-bench");
        concurrency(dir, tasks, iterations);
        startLatency(dir);
        memory();
    }

    private static Path task(Path dir, String name, String main) throws IOException {
        Path t = Files.createDirectories(dir.resolve(name));
        Files.writeString(t.resolve("task.json"), "{\"id\": \"" + name + "\", \"version\": \"1\"}");
        Files.writeString(t.resolve("main.py"), main);
        return t;
    }

    private static void concurrency(Path dir, int tasks, int iterations) throws Exception {
        String body = "def work(n):\n    s = 0\n    for i in xrange(n):\n        s += i * i % 7\n    return s\n";
        TaskPackage pkg = TaskPackage.open(task(dir, "cpu", body + "print work(" + iterations + ")\n"));
        TaskContext ctx = TaskContext.builder().limits(new TaskLimits(600_000, Long.MAX_VALUE)).build();
        // a pool as large as a batch, refilled before each timed batch: interpreter start-up (measured below)
        // would otherwise run on the idle core in the 1-thread batch and compete with the tasks in the others
        try (TaskVm vm = new TaskVm(tasks)) {
            vm.awaitWarm(120_000);
            runBatch(vm, pkg, ctx, 2, 2); // warm-up: JIT and compiled script
            int[] threadCounts = {1, 2, 4};
            double[][] walls = new double[threadCounts.length][ROUNDS];
            for (int round = 0; round < ROUNDS; round++) { // interleaved rounds: machine noise hits every row alike
                for (int t = 0; t < threadCounts.length; t++) {
                    vm.awaitWarm(120_000);
                    walls[t][round] = runBatch(vm, pkg, ctx, tasks, threadCounts[t]);
                }
            }
            System.out.printf("%nconcurrency: %d tasks x work(%d), median of %d rounds%n", tasks, iterations, ROUNDS);
            System.out.println("| runtime | threads | wall s | tasks/s | vs 1 thread |");
            System.out.println("|---|---|---|---|---|");
            double base = medianOf(walls[0]);
            for (int t = 0; t < threadCounts.length; t++) {
                double wall = medianOf(walls[t]);
                System.out.printf("| Jython VM | %d | %.2f | %.2f | %.2fx |%n", threadCounts[t], wall, tasks / wall,
                        base / wall);
            }
        }
        String py = "import threading, time, queue\n"
                + "def work(n):\n    s = 0\n    for i in range(n):\n        s += i * i % 7\n    return s\n"
                + "def run(tasks, threads, n):\n    q = queue.Queue()\n    [q.put(1) for _ in range(tasks)]\n"
                + "    def worker():\n        while True:\n            try: q.get_nowait()\n"
                + "            except queue.Empty: return\n            work(n)\n"
                + "    ts = [threading.Thread(target=worker) for _ in range(threads)]\n    t0 = time.time()\n"
                + "    [t.start() for t in ts]\n    [t.join() for t in ts]\n    return time.time() - t0\n"
                + "import sys\ntasks, n = int(sys.argv[1]), int(sys.argv[2])\nrun(2, 2, n)\nbase = None\n"
                + "for th in (1, 2, 4):\n    w = run(tasks, th, n)\n    base = base or w\n"
                + "    print('| CPython %s | %d | %.2f | %.2f | %.2fx |' % (sys.version.split()[0], th, w, tasks / w, base / w))\n";
        Path script = dir.resolve("cpu.py");
        Files.writeString(script, py, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("python3", script.toString(), String.valueOf(tasks), String.valueOf(iterations))
                .redirectErrorStream(true).start();
        System.out.print(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        p.waitFor();
    }

    private static final int ROUNDS = 3;

    private static double medianOf(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Wall seconds to run {@code tasks} invocations with at most {@code threads} at a time. */
    private static double runBatch(TaskVm vm, TaskPackage pkg, TaskContext ctx, int tasks, int threads)
            throws Exception {
        Semaphore slots = new Semaphore(threads);
        List<CompletableFuture<TaskResult>> all = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < tasks; i++) {
            slots.acquire();
            CompletableFuture<TaskResult> f = vm.submit(pkg, ctx);
            f.whenComplete((r, e) -> slots.release());
            all.add(f);
        }
        for (CompletableFuture<TaskResult> f : all) {
            f.join();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void startLatency(Path dir) throws Exception {
        TaskPackage pkg = TaskPackage.open(task(dir, "hello", "import json, walle\nx = json.dumps([1])\n"));
        System.out.printf("%nstart latency (call -> first script line), trivial task importing json + walle%n");
        System.out.printf("one-time Jython initialisation in this JVM: %d ms%n", TaskVm.runtimeInitMillis());
        try (TaskVm cold = new TaskVm(0)) {
            cold.run(pkg, TaskContext.builder().build());
            System.out.printf("cold (new interpreter per run): median %.1f ms%n", median(cold, pkg, 15, false));
        }
        try (TaskVm warm = new TaskVm(2)) {
            warm.run(pkg, TaskContext.builder().build());
            System.out.printf("warm (pre-initialised pool):    median %.1f ms%n", median(warm, pkg, 15, true));
        }
    }

    private static double median(TaskVm vm, TaskPackage pkg, int runs, boolean awaitWarm) throws Exception {
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            if (awaitWarm) {
                vm.awaitWarm(10_000);
            }
            ms[i] = vm.run(pkg, TaskContext.builder().build()).startMicros() / 1e3;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    private static void memory() {
        Runtime rt = Runtime.getRuntime();
        int n = 20;
        for (boolean imports : new boolean[] {false, true}) {
            List<PySystemState> keep = new ArrayList<>();
            gc();
            long before = rt.totalMemory() - rt.freeMemory();
            for (int i = 0; i < n; i++) {
                keep.add(InterpreterPool.create(imports ? new ArrayList<>(Policy.ALLOWED_MODULES) : List.of()));
            }
            gc();
            long after = rt.totalMemory() - rt.freeMemory();
            System.out.printf("%nheap per live interpreter (%d live, %s): %.2f MB%n", keep.size(),
                    imports ? "allowed stdlib imported" : "bare", (after - before) / 1e6 / n);
        }
    }

    private static void gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package org.walle.pyvm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.python.core.PySystemState;
import org.walle.pyvm.TaskContext;
import org.walle.pyvm.TaskPackage;
import org.walle.pyvm.TaskVm;
import org.walle.pyvm.internal.sandbox.Policy;
import org.walle.pyvm.internal.vm.InterpreterPool;

/**
 * Python VM figures for docs/benchmarks.md: (1) N identical CPU-bound tasks on 1, 2 and 4 threads next to CPython
 * threads and processes running the same loop ({@link ConcurrencyBenchmark}); (2) task start latency cold and
 * warm; (3) heap per live interpreter. Run: see docs/benchmarks.md (section Python VM).
 */
public final class VmBenchmark {
    private VmBenchmark() {
    }

    /**
     * Arguments: {@code [all|concurrency] [tasks] [loop iterations] [rounds]}; {@code concurrency} runs only the
     * thread-scaling part (both workloads) and ends with one RESULT line per workload.
     */
    public static void main(String[] args) throws Exception {
        List<String> a = new ArrayList<>(Arrays.asList(args));
        boolean all = a.isEmpty() || !a.get(0).equals("concurrency");
        if (!a.isEmpty() && (a.get(0).equals("all") || a.get(0).equals("concurrency"))) {
            a.remove(0);
        }
        int tasks = a.size() > 0 ? Integer.parseInt(a.get(0)) : 8;
        int iterations = a.size() > 1 ? Integer.parseInt(a.get(1)) : 3_000_000;
        int rounds = a.size() > 2 ? Integer.parseInt(a.get(2)) : 3;
        System.out.printf("cores: %d, java %s, load average %.1f%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), ConcurrencyBenchmark.load());
        Path dir = Files.createTempDirectory("walle-vm-bench");
        ConcurrencyBenchmark concurrency = new ConcurrencyBenchmark(dir, tasks, iterations, rounds);
        for (Workload w : Workload.values()) {
            concurrency.run(w);
        }
        if (all) {
            startLatency(dir);
            memory();
        }
    }

    private static Path task(Path dir, String name, String main) throws IOException {
        Path t = Files.createDirectories(dir.resolve(name));
        Files.writeString(t.resolve("task.json"), "{\"id\": \"" + name + "\", \"version\": \"1\"}");
        Files.writeString(t.resolve("main.py"), main);
        return t;
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

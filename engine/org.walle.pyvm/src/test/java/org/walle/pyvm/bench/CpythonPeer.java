package org.walle.pyvm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * CPython running the same loop as the Jython tasks, on threads (the GIL serialises them) and on processes (no
 * shared interpreter: what the machine's cores give for this loop right now, the ceiling any thread scaling can
 * reach). One {@code python3} call per round, so CPython rounds interleave with the Jython rounds. Timing is taken
 * inside Python, around the work only (pool and thread start excluded); every result is checked.
 */
final class CpythonPeer {
    enum Mode {
        THREADS, PROCESSES
    }

    private static final String SCRIPT = """
            import sys, time, threading, multiprocessing
            def check(r):
                if r != EXPECTED:
                    raise SystemExit('wrong result %d, expected %d' % (r, EXPECTED))
            def threads(tasks, count, n):
                barrier = threading.Barrier(count + 1)
                def worker():
                    barrier.wait()
                    for _ in range(tasks // count):
                        check(work(n))
                ts = [threading.Thread(target=worker) for _ in range(count)]
                for t in ts:
                    t.start()
                barrier.wait()
                t0 = time.perf_counter()
                for t in ts:
                    t.join()
                return time.perf_counter() - t0
            def processes(tasks, count, n):
                with multiprocessing.Pool(count) as pool:
                    pool.map(work, [1000] * count, chunksize=1)
                    t0 = time.perf_counter()
                    results = pool.map(work, [n] * tasks, chunksize=tasks // count)
                    wall = time.perf_counter() - t0
                for r in results:
                    check(r)
                return wall
            if __name__ == '__main__':
                mode, tasks, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
                EXPECTED = int(sys.argv[4])
                work(min(n, 200000))
                run = threads if mode == 'threads' else processes
                print(' '.join('%.4f' % run(tasks, int(c), n) for c in sys.argv[5:]))
            """;

    private final Path dir;
    private String version;

    CpythonPeer(Path dir) {
        this.dir = dir;
    }

    /** "3.11.7", or null when there is no python3 on PATH (the CPython rows are then left out). */
    String version() {
        if (version == null) {
            try {
                Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.version.split()[0])")
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                version = p.waitFor() == 0 ? out : "";
            } catch (IOException e) {
                version = "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                version = "";
            }
        }
        return version.isEmpty() ? null : version;
    }

    /** Wall seconds of one round: {@code tasks} calls of {@code work(n)} split evenly over each thread count. */
    double[] round(Workload w, Mode mode, int tasks, int n, int[] counts) throws IOException, InterruptedException {
        Path script = dir.resolve("cpython_" + w.label() + ".py");
        if (!Files.exists(script)) {
            Files.writeString(script, w.function(false) + SCRIPT, StandardCharsets.UTF_8);
        }
        String countArgs = Arrays.stream(counts).mapToObj(String::valueOf).collect(Collectors.joining(" "));
        String cmd = "python3 " + script + " " + mode.name().toLowerCase() + " " + tasks + " " + n + " "
                + w.expected(n) + " " + countArgs;
        Process p = new ProcessBuilder(cmd.split(" ")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IOException("CPython round failed (" + cmd + "): " + out);
        }
        String[] parts = out.split("\\s+");
        if (parts.length != counts.length) {
            throw new IOException("CPython printed '" + out + "', expected " + counts.length + " wall times");
        }
        return Arrays.stream(parts).mapToDouble(Double::parseDouble).toArray();
    }
}

package org.walle.device.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.walle.device.DeviceProfiles;
import org.walle.device.PythonTaskExecutor;
import org.walle.device.TaskBundle;
import org.walle.device.TaskRunRequest;
import org.walle.device.TaskRunResult;

/** Prints how long task runs take in the Python VM (cold, then from the warm pool). */
public final class VmProbe {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("probe");
        Files.writeString(dir.resolve("task.json"), "{\"id\":\"p\",\"version\":\"1\",\"triggers\":[]}");
        Files.writeString(dir.resolve("main.py"), "from walle import output\noutput.emit('x', 1)\n");
        TaskBundle b = TaskBundle.fromFolder(dir);
        try (PythonTaskExecutor ex = new PythonTaskExecutor(Files.createTempDirectory("cache"),
                Integer.parseInt(args.length > 0 ? args[0] : "2"))) {
            for (int i = 0; i < 12; i++) {
                long t0 = System.nanoTime();
                TaskRunResult r = ex.run(new TaskRunRequest("d", DeviceProfiles.builtIn().get(0), b, "", List.of(),
                        new ConcurrentHashMap<>()));
                System.out.printf("run %d: %.1f ms ok=%s %s%n", i, (System.nanoTime() - t0) / 1e6, r.ok(),
                        r.error() == null ? "" : r.error());
                if (args.length > 1) {
                    Thread.sleep(Long.parseLong(args[1]));
                }
            }
        }
    }
}

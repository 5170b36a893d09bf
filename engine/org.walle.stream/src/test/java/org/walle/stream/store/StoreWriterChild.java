package org.walle.stream.store;

import java.nio.file.Path;

/**
 * Child process of {@link KillNineTest}: writes keys forever and prints "ACK n" after each write returned (that is,
 * was acknowledged). The parent kills it with SIGKILL at a random point.
 */
public final class StoreWriterChild {
    public static void main(String[] args) throws Exception {
        StoreOptions options = StoreOptions.defaults().withCompactAfterLogBytes(64 * 1024);
        try (CollectiveStore store = CollectiveStore.open(Path.of(args[0]), options)) {
            TaskStore task = store.task("writer");
            System.out.println("READY");
            System.out.flush();
            for (int i = 0;; i++) {
                task.put("k" + i, KillNineTest.valueFor(i));
                System.out.println("ACK " + i);
                System.out.flush();
            }
        }
    }
}

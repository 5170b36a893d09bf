package org.walle.project.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.walle.project.TaskResource;
import org.walle.project.Trigger;
import org.walle.project.WalleProjectModel;
import org.walle.project.WalleTask;

/**
 * The working sample task a new project starts with: task.json with an added-to-cart trigger, main.py (model run
 * and post-processing), features.py (pre-processing), labels.txt and the intent.onnx model made by
 * {@link SampleModel}. The text files are templates in this bundle's {@code sample/} folder.
 */
public final class SampleTask {
    public static final String VERSION = "1.0.0";
    public static final String ENTRY = "main.py";
    public static final String MODEL_FILE = "intent.onnx";
    public static final String LABELS_FILE = "labels.txt";
    public static final Trigger TRIGGER = new Trigger("added-to-cart", List.of("click_item", "add_to_cart"), 600_000);
    private static final List<String> TEMPLATES = List.of("task.json", ENTRY, "features.py", LABELS_FILE);

    private SampleTask() {
    }

    /** File name -> content, in the order they should be written (task.json first). */
    public static Map<String, byte[]> files(String taskId) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : TEMPLATES) {
            String text = template(name).replace("${TASK_ID}", taskId);
            files.put(name, text.getBytes(StandardCharsets.UTF_8));
        }
        files.put(MODEL_FILE, SampleModel.onnx());
        return files;
    }

    /** Describes the sample task in the project model, with the resources' checksums. */
    public static WalleTask addTo(WalleProjectModel model, String taskId, String folder, Map<String, byte[]> files) {
        WalleTask task = model.addTask(taskId, VERSION, folder, ENTRY);
        task.addTrigger(TRIGGER).setLimits(5000, 256);
        task.addResource(new TaskResource(TaskResource.Kind.MODEL, MODEL_FILE, sha256(files.get(MODEL_FILE))));
        task.addResource(new TaskResource(TaskResource.Kind.VOCAB, LABELS_FILE, sha256(files.get(LABELS_FILE))));
        return task;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String template(String name) {
        String path = "/sample/" + name;
        try (InputStream in = SampleTask.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks " + path + " (check build.properties)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample template " + path, e);
        }
    }
}

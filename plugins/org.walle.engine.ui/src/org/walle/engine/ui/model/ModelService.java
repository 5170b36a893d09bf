package org.walle.engine.ui.model;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.walle.engine.samples.SampleGraphs;

/**
 * The model the studio's views show. One per workbench; views subscribe in {@code createPartControl} and
 * unsubscribe in {@code dispose}. Listeners are called on the thread that sets the model (the UI thread).
 */
public final class ModelService {
    private static final ModelService INSTANCE = new ModelService();

    private final List<Consumer<OpenModel>> listeners = new CopyOnWriteArrayList<>();
    private volatile OpenModel current = new OpenModel(null, SampleGraphs.mlp());

    private ModelService() {
    }

    public static ModelService get() {
        return INSTANCE;
    }

    public OpenModel current() {
        return current;
    }

    public void setCurrent(OpenModel model) {
        current = model;
        listeners.forEach(l -> l.accept(model));
    }

    public void addListener(Consumer<OpenModel> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<OpenModel> listener) {
        listeners.remove(listener);
    }
}

package org.walle.stream.trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.walle.stream.event.EcommerceGenerator;

/**
 * Seeded random triggers over the generator's vocabulary, for equivalence tests and benchmarks. First steps come
 * from a small set so that many triggers share prefixes, as tasks of one app do.
 */
public final class RandomTriggers {
    private static final List<String> FIRST = List.of("page_enter", "item_exposure", "click_item", "add_to_cart");
    private static final long[] WINDOWS = {Trigger.NO_WINDOW, 5_000, 30_000, 120_000, 600_000};

    private final Random random;
    private final boolean siddhiCompatible;
    private int next;

    public RandomTriggers(long seed) {
        this(seed, false);
    }

    /**
     * @param siddhiCompatible benchmark sets: every trigger gets a finite window (as deployed tasks have), and
     *        absence only on two-step triggers, because Siddhi 5.1.30 loses pending partial matches when a
     *        {@code not X and} clause follows a later step (repro in docs/benchmarks.md)
     */
    public RandomTriggers(long seed, boolean siddhiCompatible) {
        this.random = new Random(seed);
        this.siddhiCompatible = siddhiCompatible;
    }

    public List<Trigger> make(int count) {
        List<Trigger> triggers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            triggers.add(next());
        }
        return triggers;
    }

    public Trigger next() {
        List<String> ids = EcommerceGenerator.EVENT_IDS;
        int length = 1 + random.nextInt(4);
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            String id = i == 0 ? FIRST.get(random.nextInt(FIRST.size())) : ids.get(random.nextInt(ids.size()));
            steps.add(random.nextInt(10) < 3 ? Step.on(id, pickPage()) : Step.of(id));
        }
        long window = siddhiCompatible ? WINDOWS[1 + random.nextInt(WINDOWS.length - 1)]
                : length == 1 ? Trigger.NO_WINDOW : WINDOWS[random.nextInt(WINDOWS.length)];
        List<Step> absent = new ArrayList<>();
        if (length >= 2 && random.nextInt(5) == 0 && (!siddhiCompatible || length == 2)) {
            String candidate = ids.get(random.nextInt(ids.size()));
            if (steps.stream().noneMatch(s -> s.eventId().equals(candidate))) {
                absent.add(random.nextBoolean() ? Step.of(candidate) : Step.on(candidate, pickPage()));
            }
        }
        return new Trigger("t" + (next++), steps, window, absent);
    }

    private String pickPage() {
        return EcommerceGenerator.PAGES.get(random.nextInt(EcommerceGenerator.PAGES.size()));
    }
}

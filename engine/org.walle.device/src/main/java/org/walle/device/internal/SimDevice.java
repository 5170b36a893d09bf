package org.walle.device.internal;

import java.util.ArrayDeque;

import org.walle.device.DeviceAgent;
import org.walle.stream.event.EcommerceGenerator;
import org.walle.stream.event.Event;

/**
 * A fleet member: its agent plus its own behaviour stream (a seeded generator, one session buffered at a time)
 * and how many events it has emitted. Driven by one fleet driver thread at a time.
 */
public final class SimDevice {
    private final DeviceAgent agent;
    private final long seed;
    private final double phase;
    private EcommerceGenerator generator;
    private ArrayDeque<Event> session;
    private long emitted;

    public SimDevice(DeviceAgent agent, long seed) {
        this.agent = agent;
        this.seed = seed;
        this.phase = (seed >>> 11) * 0x1.0p-53; // spreads devices over the tick so they do not emit in lockstep
    }

    public DeviceAgent agent() {
        return agent;
    }

    public long emitted() {
        return emitted;
    }

    /** Emits events until {@code floor(seconds * rate + phase)} have been emitted in total; returns how many. */
    public int catchUp(double seconds, double eventsPerSecond) {
        long target = (long) Math.floor(seconds * eventsPerSecond + phase);
        int n = 0;
        while (emitted < target) {
            emitOne();
            n++;
        }
        return n;
    }

    public void emitOne() {
        if (generator == null) {
            generator = new EcommerceGenerator(seed);
        }
        if (session == null || session.isEmpty()) {
            session = new ArrayDeque<>(generator.generate(1));
        }
        emitted++;
        agent.offer(session.pollFirst());
    }
}

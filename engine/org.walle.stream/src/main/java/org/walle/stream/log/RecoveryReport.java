package org.walle.stream.log;

import java.util.List;

/**
 * What opening a device event log found: how much it replayed, which fires it suppressed because they had already
 * been handed to the runner before the crash, which it delivered now (events logged but not processed before the
 * crash), and which were handed over without the runner finishing (at most once: they are not repeated).
 */
public final class RecoveryReport {
    private final long eventsReplayed;
    private final long firesSuppressed;
    private final long firesDelivered;
    private final List<String> interrupted;
    private final long droppedTailBytes;

    RecoveryReport(long eventsReplayed, long firesSuppressed, long firesDelivered, List<String> interrupted,
            long droppedTailBytes) {
        this.eventsReplayed = eventsReplayed;
        this.firesSuppressed = firesSuppressed;
        this.firesDelivered = firesDelivered;
        this.interrupted = List.copyOf(interrupted);
        this.droppedTailBytes = droppedTailBytes;
    }

    public long eventsReplayed() {
        return eventsReplayed;
    }

    public long firesSuppressed() {
        return firesSuppressed;
    }

    public long firesDelivered() {
        return firesDelivered;
    }

    /** Keys of matches whose task started but did not report completion before the crash. */
    public List<String> interrupted() {
        return interrupted;
    }

    public long droppedTailBytes() {
        return droppedTailBytes;
    }

    @Override
    public String toString() {
        return "replayed " + eventsReplayed + " events, suppressed " + firesSuppressed + " fires already run, "
                + "delivered " + firesDelivered + " pending fires, " + interrupted.size() + " interrupted";
    }
}

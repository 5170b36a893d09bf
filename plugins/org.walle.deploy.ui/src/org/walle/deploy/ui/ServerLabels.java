package org.walle.deploy.ui;

import org.walle.deploy.ui.internal.server.ServerCounts;
import org.walle.deploy.ui.internal.server.ServerEntry;

/** The text of each column of the Servers view, kept apart from the widgets so it reads at a glance. */
final class ServerLabels {
    static final int SERVER = 0;
    static final int STATUS = 1;
    static final int URL = 2;
    static final int DEVICES = 3;
    static final int TASKS = 4;
    static final int RELEASES = 5;
    static final int DETAIL = 6;

    private ServerLabels() {
    }

    static String column(ServerEntry e, int column) {
        ServerCounts c = e.counts();
        return switch (column) {
            case SERVER -> e.name();
            case STATUS -> e.state().name().toLowerCase(java.util.Locale.ROOT);
            case URL -> e.url() == null ? "" : e.url().toString();
            case DEVICES -> c == null ? "" : Long.toString(c.devices());
            case TASKS -> c == null ? "" : Long.toString(c.tasks());
            case RELEASES -> c == null ? "" : Long.toString(c.releases());
            case DETAIL -> e.detail();
            default -> "";
        };
    }
}

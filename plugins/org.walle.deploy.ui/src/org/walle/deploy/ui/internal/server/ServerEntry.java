package org.walle.deploy.ui.internal.server;

import java.net.URI;

/** One row of the Servers view: the embedded server or a remote one the user added. */
public interface ServerEntry {
    String name();

    /** Where it answers; {@code null} while an embedded server is not running. */
    URI url();

    ServerState state();

    /** Why the state is FAILED, or why counts are missing; empty when all is well. */
    String detail();

    /** The latest counts, {@code null} until fetched (or when the server cannot be asked). */
    ServerCounts counts();

    /** An operator token for this server's management API, if the studio has one. */
    java.util.Optional<String> token();

    /** Re-reads state and counts from the server; called off the UI thread. */
    void refresh();
}

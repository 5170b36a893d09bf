package org.walle.deploy.ui.internal.server;

/** Lifecycle of a server as the Servers view shows it. */
public enum ServerState {
    STOPPED, STARTING, RUNNING, STOPPING,
    /** The last start failed (the embedded server), or the server did not answer (a remote one). */
    FAILED
}

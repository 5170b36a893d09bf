package org.walle.deploy.ui.internal.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The servers the studio knows: the embedded one first, then the remote URLs the user added (no duplicates). */
public final class ServerRegistry {
    private final EmbeddedServer embedded = new EmbeddedServer();
    private final List<RemoteServer> remotes = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public ServerRegistry() {
        embedded.addListener(this::fire);
    }

    public EmbeddedServer embedded() {
        return embedded;
    }

    public List<ServerEntry> entries() {
        List<ServerEntry> all = new ArrayList<>();
        all.add(embedded);
        all.addAll(remotes);
        return all;
    }

    /** Adds a remote server; returns false when that URL is already listed. */
    public boolean addRemote(URI url) {
        boolean known = remotes.stream().anyMatch(r -> r.url().equals(url));
        if (known) {
            return false;
        }
        remotes.add(new RemoteServer(url));
        fire();
        return true;
    }

    public void removeRemote(RemoteServer server) {
        if (remotes.remove(server)) {
            fire();
        }
    }

    public List<URI> remoteUrls() {
        return remotes.stream().map(RemoteServer::url).toList();
    }

    /** Asks every server for its status and counts (blocking: call from a job). */
    public void refreshAll() {
        for (ServerEntry e : entries()) {
            e.refresh();
        }
        fire();
    }

    public void addListener(Runnable l) {
        listeners.add(l);
    }

    public void removeListener(Runnable l) {
        listeners.remove(l);
    }

    private void fire() {
        for (Runnable l : listeners) {
            l.run();
        }
    }
}

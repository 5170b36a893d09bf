package org.walle.deploy.ui.internal.server;

import java.net.URI;

import org.walle.deploy.client.MgmtClient;

import com.fasterxml.jackson.databind.JsonNode;

/** What a server holds, as its management API reports it ({@code total} of each paged listing). */
public record ServerCounts(long devices, long tasks, long releases) {

    /** Asks the server's {@code /api/v1} listings for one row each and reads their totals. */
    public static ServerCounts fetch(URI server, String token) {
        MgmtClient client = new MgmtClient(server, token);
        return new ServerCounts(total(client, "/api/v1/devices"), total(client, "/api/v1/tasks"),
                total(client, "/api/v1/releases"));
    }

    private static long total(MgmtClient client, String listing) {
        JsonNode page = client.get(listing + "?limit=1");
        JsonNode total = page.get("total");
        if (total == null || !total.canConvertToLong()) {
            throw new IllegalStateException(listing + " answered without a numeric 'total': " + page);
        }
        return total.asLong();
    }
}

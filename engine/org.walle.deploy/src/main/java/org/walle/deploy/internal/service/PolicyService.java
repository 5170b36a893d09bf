package org.walle.deploy.internal.service;

import org.walle.deploy.internal.store.Stores;
import org.walle.deploy.model.Device;
import org.walle.deploy.model.PolicyRecord;
import org.walle.deploy.policy.Policy;
import org.walle.deploy.policy.PolicyException;
import org.walle.deploy.policy.PolicyParser;

import com.fasterxml.jackson.databind.JsonNode;

/** Stored policies and the "how many registered devices match" preview. */
public final class PolicyService {
    private final Stores stores;

    public PolicyService(Stores stores) {
        this.stores = stores;
    }

    public static Policy parse(JsonNode rule) {
        try {
            return PolicyParser.parse(rule);
        } catch (PolicyException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    public PolicyRecord create(String name, JsonNode rule, String actor) {
        Validate.text("name", name, 200);
        parse(rule);
        long now = System.currentTimeMillis();
        long id = stores.db().inTransaction(c -> {
            long pid = stores.policies().insert(c, name, rule, now);
            stores.audit().append(c, actor, "policy.create", "policy:" + pid, name + " " + rule, now);
            return pid;
        });
        return find(id);
    }

    public PolicyRecord find(long id) {
        return stores.db().inTransaction(c -> stores.policies().find(c, id))
                .orElseThrow(() -> ApiException.notFound("policy " + id));
    }

    /** Counts matching registered devices; {@code salt} is the release id that percentage rules hash with. */
    public Preview preview(JsonNode rule, String salt) {
        Policy p = parse(rule);
        int matching = 0;
        int total = 0;
        for (Device d : stores.db().inTransaction(c -> stores.devices().all(c))) {
            total++;
            if (p.matches(d.id(), d.attributes(), salt)) {
                matching++;
            }
        }
        return new Preview(matching, total);
    }

    public record Preview(int matching, int registered) {
    }
}

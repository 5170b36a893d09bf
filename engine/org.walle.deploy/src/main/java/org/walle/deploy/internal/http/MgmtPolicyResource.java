package org.walle.deploy.internal.http;

import org.walle.deploy.internal.service.ApiException;
import org.walle.deploy.internal.service.AuthService;
import org.walle.deploy.internal.service.PolicyService;
import org.walle.deploy.internal.store.Stores;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code /api/v1/policies}: targeting rules and the match-count preview. */
final class MgmtPolicyResource {
    record CreatePolicy(String name, JsonNode rule) {
    }

    record PreviewRequest(JsonNode rule, Long releaseId) {
    }

    private final Stores stores;
    private final PolicyService policies;

    MgmtPolicyResource(Stores stores, PolicyService policies) {
        this.stores = stores;
        this.policies = policies;
    }

    void register(ApiHandler api) {
        api.add(new Route("GET", "/api/v1/policies", AuthService.OPERATORS, "List policies (paged)", null, "PolicyPage",
                x -> x.json(200, stores.db().inTransaction(c -> stores.policies().list(c, Paging.offset(x), Paging.limit(x))))));
        api.add(new Route("POST", "/api/v1/policies", AuthService.WRITERS, "Create a policy", "CreatePolicy", "Policy", x -> {
            CreatePolicy b = x.body(CreatePolicy.class);
            if (b.rule() == null) {
                throw ApiException.badRequest("rule is required");
            }
            x.json(201, policies.create(b.name(), b.rule(), x.actor()));
        }));
        api.add(new Route("GET", "/api/v1/policies/{policyId}", AuthService.OPERATORS, "Get a policy", null, "Policy",
                x -> x.json(200, policies.find(x.pathLong("policyId")))));
        api.add(new Route("POST", "/api/v1/policies/preview", AuthService.OPERATORS,
                "Count registered devices a rule matches (percentages hash with releaseId, default 0)", "PreviewRequest",
                "Preview", x -> {
                    PreviewRequest b = x.body(PreviewRequest.class);
                    if (b.rule() == null) {
                        throw ApiException.badRequest("rule is required");
                    }
                    x.json(200, policies.preview(b.rule(), Long.toString(b.releaseId() == null ? 0 : b.releaseId())));
                }));
    }
}

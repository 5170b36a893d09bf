package org.walle.deploy.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A stored targeting policy; {@code rule} is the JSON rule parsed by {@link org.walle.deploy.policy.PolicyParser}. */
public record PolicyRecord(long id, String name, JsonNode rule, long createdAt) {
}

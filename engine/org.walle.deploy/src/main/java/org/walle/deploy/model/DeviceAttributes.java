package org.walle.deploy.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a device says about itself at registration; policies match on these. {@code emulated} devices take part in
 * the simulation stage of a rollout.
 */
public record DeviceAttributes(String appVersion, String os, String osVersion, String model, String tier,
        String region, String userGroup, boolean emulated) {

    /** JSON form: every attribute optional; {@code emulated} defaults to false. */
    @JsonCreator
    public static DeviceAttributes of(@JsonProperty("appVersion") String appVersion, @JsonProperty("os") String os,
            @JsonProperty("osVersion") String osVersion, @JsonProperty("model") String model,
            @JsonProperty("tier") String tier, @JsonProperty("region") String region,
            @JsonProperty("userGroup") String userGroup, @JsonProperty("emulated") Boolean emulated) {
        return new DeviceAttributes(appVersion, os, osVersion, model, tier, region, userGroup,
                emulated != null && emulated);
    }
}

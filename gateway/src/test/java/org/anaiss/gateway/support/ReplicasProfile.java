package org.anaiss.gateway.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link EdgeProfile} with stats-service as several instances ({@link Replicas}), one of them stopped. */
public class ReplicasProfile extends EdgeProfile {

    /** How long the stopped instance is passed over after it refused a connection. */
    public static final long REST_MILLIS = 300;

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("anaiss.gateway.upstreams.rest-after-refusal", REST_MILLIS + "ms");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Upstreams.class), new TestResourceEntry(Replicas.class));
    }
}

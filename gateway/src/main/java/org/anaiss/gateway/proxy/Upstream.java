package org.anaiss.gateway.proxy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service behind the gateway: a name for problems and logs, and its instances, taken in turn (round
 * robin). In Kubernetes there is one instance, the Service's address, and Kubernetes balances; the list
 * is for deployments without such an address (docs/gateway.md).
 */
public final class Upstream {

    private final String name;
    private final List<Instance> instances;
    private final AtomicInteger next = new AtomicInteger();

    Upstream(String name, List<Instance> instances) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException(name + ": no address");
        }
        this.name = name;
        this.instances = List.copyOf(instances);
    }

    public String name() {
        return name;
    }

    public List<Instance> instances() {
        return instances;
    }

    /**
     * The next instance in turn whose breaker grants a call, which the caller must then report to that
     * breaker. Instances not yet tried by this request and not resting come first; then resting ones
     * (better a probable refusal than no attempt); then, when {@code againTried}, those already tried.
     * Null when no breaker grants a call.
     */
    Instance acquire(Set<Instance> tried, boolean againTried) {
        int n = instances.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (int pass = 0; pass < (againTried ? 3 : 2); pass++) {
            for (int i = 0; i < n; i++) {
                Instance instance = instances.get((start + i) % n);
                boolean wasTried = tried.contains(instance);
                boolean eligible = switch (pass) {
                    case 0 -> !wasTried && !instance.resting();
                    case 1 -> !wasTried && instance.resting();
                    default -> wasTried;
                };
                if (eligible && instance.breaker().tryAcquire()) {
                    return instance;
                }
            }
        }
        return null;
    }

    /**
     * The next instance in turn that is not resting (any if all are), for calls made outside the proxy
     * (the documentation, the pages), which do not go through the breakers.
     */
    public Instance pick() {
        int n = instances.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (int i = 0; i < n; i++) {
            Instance instance = instances.get((start + i) % n);
            if (!instance.resting()) {
                return instance;
            }
        }
        return instances.get(start);
    }

    /** Time until some instance's breaker lets a trial call through. */
    Duration retryAfter() {
        return instances.stream().map(i -> i.breaker().retryAfter()).min(Duration::compareTo).orElse(Duration.ZERO);
    }
}

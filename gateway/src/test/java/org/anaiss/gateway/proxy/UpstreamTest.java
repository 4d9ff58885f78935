package org.anaiss.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.anaiss.gateway.resilience.CircuitBreaker;
import org.junit.jupiter.api.Test;

/** The choice of an instance: in turn, passing over one that refused a connection, and over open breakers. */
class UpstreamTest {

    private final AtomicLong clock = new AtomicLong();
    private final Instance a = instance("http://a:8081");
    private final Instance b = instance("http://b:8081");
    private final Instance c = instance("https://c");
    private final Upstream service = new Upstream("case-service", List.of(a, b, c));

    private Instance instance(String url) {
        return Instance.of(url, new CircuitBreaker("case-service", 2, Duration.ofSeconds(10), clock::get), Duration.ofSeconds(5),
                clock::get);
    }

    /** Acquires for a fresh request and reports success, as a forwarded call that went well does. */
    private Instance call() {
        Instance chosen = service.acquire(Set.of(), false);
        chosen.breaker().onSuccess();
        return chosen;
    }

    @Test
    void addressesAreParsedWithTheSchemesDefaultPort() {
        assertThat(a.host()).isEqualTo("a");
        assertThat(a.port()).isEqualTo(8081);
        assertThat(c.port()).isEqualTo(443);
        assertThat(c.tls()).isTrue();
        assertThat(c.baseUrl()).isEqualTo("https://c:443");
    }

    @Test
    void instancesAreTakenInTurn() {
        List<Instance> chosen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            chosen.add(call());
        }
        assertThat(chosen).containsExactly(a, b, c, a, b, c);
    }

    @Test
    void anInstanceThatRefusedAConnectionIsPassedOverForTheRestTimeThenTakesItsTurnAgain() {
        b.refused();
        List<Instance> chosen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            chosen.add(call());
        }
        assertThat(chosen).doesNotContain(b).contains(a, c);
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        Set<Instance> after = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            after.add(call());
        }
        assertThat(after).containsExactlyInAnyOrder(a, b, c);
    }

    @Test
    void aCallAnInstanceAnsweredBringsItBackAtOnce() {
        b.refused();
        b.reached();
        assertThat(b.resting()).isFalse();
    }

    @Test
    void whenEveryInstanceRestsTheyAreTriedAllTheSame() {
        a.refused();
        b.refused();
        c.refused();
        assertThat(service.acquire(Set.of(), false)).isNotNull();
        assertThat(service.pick()).isNotNull();
    }

    @Test
    void aRequestGoesToAnInstanceItHasNotTriedAndOnlyBackToOneAfterAPause() {
        Set<Instance> tried = Set.of(a, b);
        for (int i = 0; i < 3; i++) {
            Instance chosen = service.acquire(tried, false);
            assertThat(chosen).isEqualTo(c);
            chosen.breaker().onSuccess();
        }
        assertThat(service.acquire(Set.of(a, b, c), false)).as("no instance left to pass it to").isNull();
        assertThat(service.acquire(Set.of(a, b, c), true)).isNotNull();
    }

    @Test
    void anInstanceWhoseBreakerIsOpenIsPassedOverAndOnlyAllOpenRefusesTheService() {
        for (int i = 0; i < 2; i++) {
            assertThat(a.breaker().tryAcquire()).isTrue();
            a.breaker().onFailure();
        }
        assertThat(a.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
        for (int i = 0; i < 4; i++) {
            assertThat(call()).isNotEqualTo(a);
        }
        for (Instance other : List.of(b, c)) {
            for (int i = 0; i < 2; i++) {
                assertThat(other.breaker().tryAcquire()).isTrue();
                other.breaker().onFailure();
            }
        }
        assertThat(service.acquire(Set.of(), true)).isNull();
        assertThat(service.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        // the open time is over: one trial call per instance
        assertThat(service.acquire(Set.of(), false)).isNotNull();
    }
}

package org.anaiss.cases.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.anaiss.cases.config.CaseConfig;
import org.anaiss.cases.support.Db;
import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.TestClock;
import org.anaiss.platform.outbox.OutboxPurge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Sent outbox rows do not outlive their grace period: once the broker has an event, the outbox is no
 * second copy of the cases. Real PostgreSQL and Kafka; the clock moved past the grace period.
 */
@QuarkusTest
class OutboxPurgeTest {

    @Inject
    TestClock clock;
    @Inject
    OutboxPurge purge;
    @Inject
    CaseConfig config;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aSentEventStaysThroughItsGracePeriodAndIsGoneAfterIt() throws Throwable {
        String caseId = Fixtures.createCase("alice");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Db.count("select count(*) from outbox_event where record_key = ? and sent_at is not null", caseId) == 1);

        // within the grace period: kept (a delivery problem can still be looked into)
        clock.advance(config.outbox().sentRetention().minusMinutes(5));
        VertxContextSupport.subscribeAndAwait(() -> purge.purge());
        assertThat(Db.count("select count(*) from outbox_event where record_key = ?", caseId)).isEqualTo(1);

        clock.advance(Duration.ofMinutes(10));
        int deleted = (int) VertxContextSupport.subscribeAndAwait(() -> purge.purge());
        assertThat(deleted).isPositive();
        assertThat(Db.count("select count(*) from outbox_event where record_key = ?", caseId)).isZero();
        // and no sent row of any test or earlier run is left past the grace period
        assertThat(Db.count("select count(*) from outbox_event where sent_at < now() - ?::interval",
                config.outbox().sentRetention().toSeconds() + " seconds")).isZero();
    }
}

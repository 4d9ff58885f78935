package org.anaiss.cases.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.anaiss.cases.support.Db;
import org.anaiss.cases.support.Fixtures;
import org.anaiss.cases.support.Kafka;
import org.anaiss.cases.support.Schemas;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import com.networknt.schema.Schema;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * offer-accepted on the real broker: an accepted offer opens one case in the region's queue, a
 * redelivery opens nothing more, a malformed event goes to the dead-letter topic without blocking.
 * The contract is outreach-service's JSON Schema, read from its module.
 */
@QuarkusTest
class OfferAcceptedConsumerTest {

    static final Schema PRODUCER_SCHEMA = Schemas.load("outreach-service/src/main/resources/schemas/offer-accepted.v1.json");

    @Inject
    OfferAcceptedConsumer consumer;

    static String event(String eventId, String lastName, String nir, String extra) {
        return """
                {"specversion":"1.0","id":"%s","source":"/anaiss/outreach-service","type":"org.anaiss.outreach.OfferAccepted.v1",
                 "time":"%s","datacontenttype":"application/json","subject":"%s",
                 "data":{"offerId":"%s","region":"RHONE_ALPES","signalType":"SICK_LEAVE_90_DAYS",
                   "person":{"lastName":"%s","firstName":"Paul","birthDate":"1968-03-02","sex":"MALE","nir":"%s",
                             "city":"Villeurbanne","email":"paul@example.org","preferredChannel":"EMAIL"%s},
                   "preferredContactSlot":"Tuesday mornings"}}
                """.formatted(eventId, Instant.now(), eventId, UUID.randomUUID(), lastName, nir, extra);
    }

    static long casesOf(String lastName) throws SQLException {
        return Db.count("select count(*) from support_case c join person p on p.id = c.person_id "
                + "where p.last_name = ? and c.origin = 'OUTREACH_OFFER' and c.team is null and c.assigned_to is null", lastName);
    }

    @Test
    void redeliveredOfferAcceptedOpensExactlyOneCase() throws Exception {
        String id = UUID.randomUUID().toString();
        String lastName = Fixtures.uniqueName();
        String payload = event(id, lastName, Fixtures.nir(), "");
        Kafka.send(Kafka.bootstrap(), "offer-accepted", id, payload);
        Kafka.send(Kafka.bootstrap(), "offer-accepted", id, payload);

        await().atMost(Duration.ofSeconds(30)).until(() -> casesOf(lastName) == 1);
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> Db.count("select count(*) from processed_event where event_id = ?", id) == 1);
        assertThat(casesOf(lastName)).isEqualTo(1);
    }

    @Test
    void theCaseOpenedByAnAcceptedOfferContinuesItsTrace() throws Exception {
        String id = UUID.randomUUID().toString();
        String lastName = Fixtures.uniqueName();
        String traceparent = "00-5bf92f3577b34da6a3ce929d0e0e4736-10f067aa0ba902b7-01";
        Kafka.send(Kafka.bootstrap(), "offer-accepted", id, event(id, lastName, Fixtures.nir(), ""), Map.of("traceparent", traceparent));
        await().atMost(Duration.ofSeconds(30)).until(() -> casesOf(lastName) == 1);
        assertThat(Db.count("select count(*) from outbox_event o join support_case c on o.record_key = c.id::text "
                + "join person p on p.id = c.person_id where p.last_name = ? and o.traceparent = ?", lastName, traceparent))
                .isEqualTo(1);
    }

    @Test
    void anAcceptedOfferForAKnownPersonOpensACaseForThatPerson() throws Exception {
        String nir = Fixtures.nir();
        String lastName = Fixtures.uniqueName();
        String first = UUID.randomUUID().toString();
        Kafka.send(Kafka.bootstrap(), "offer-accepted", first, event(first, lastName, nir, ""));
        await().atMost(Duration.ofSeconds(30)).until(() -> casesOf(lastName) == 1);
        String second = UUID.randomUUID().toString();
        Kafka.send(Kafka.bootstrap(), "offer-accepted", second, event(second, lastName, nir, ""));
        await().atMost(Duration.ofSeconds(30)).until(() -> casesOf(lastName) == 2);
        assertThat(Db.count("select count(*) from person where last_name = ?", lastName)).isEqualTo(1);
    }

    @Test
    void malformedEventIsDeadLetteredAndDoesNotBlockThePartition() throws Exception {
        double deadLetteredBefore = deadLettered();
        try (KafkaConsumer<String, String> dlq = Kafka.tail(Kafka.bootstrap(), "offer-accepted-dlq")) {
            String key = "same-partition-key-" + UUID.randomUUID();
            String badId = UUID.randomUUID().toString();
            Kafka.send(Kafka.bootstrap(), "offer-accepted", key, event(badId, Fixtures.uniqueName(), "not-a-nir", ""));
            String goodId = UUID.randomUUID().toString();
            String lastName = Fixtures.uniqueName();
            Kafka.send(Kafka.bootstrap(), "offer-accepted", key, event(goodId, lastName, Fixtures.nir(), ""));

            await().atMost(Duration.ofSeconds(30)).until(() -> casesOf(lastName) == 1);
            assertThat(Kafka.await(dlq, r -> key.equals(r.key()), 1, Duration.ofSeconds(30))).hasSize(1);
            assertThat(Db.count("select count(*) from processed_event where event_id = ?", badId)).isZero();
            // and operations see it: the counter behind the alert AnaissDeadLetters
            assertThat(deadLettered()).isGreaterThanOrEqualTo(deadLetteredBefore + 1);
        }
    }

    @Inject
    MeterRegistry registry;

    private double deadLettered() {
        return registry.get("anaiss.messages.dead.lettered").tag("channel", "offer-accepted").counter().count();
    }

    @Test
    void anEventValidAgainstTheProducersSchemaIsRead() {
        String json = event(UUID.randomUUID().toString(), "Durand", Fixtures.nir(), "");
        assertThat(Schemas.errors(PRODUCER_SCHEMA, json)).isEmpty();
        assertThat(consumer.parse(json).data().person().lastName()).isEqualTo("Durand");
    }

    @Test
    void aFieldOutsideTheProducersSchemaIsRefusedByTheSchemaAndIgnoredByTheConsumer() {
        // the producer is held to its schema; the consumer reads what it knows and nothing more
        String json = event(UUID.randomUUID().toString(), "Durand", Fixtures.nir(), ",\"team\":\"RA-LYON\"");
        assertThat(Schemas.errors(PRODUCER_SCHEMA, json)).isNotEmpty();
        assertThat(consumer.parse(json).data().person().lastName()).isEqualTo("Durand");
    }

    @Test
    void anOfferAcceptedWithUnknownFieldsOpensTheCase() throws Exception {
        // a later outreach-service may add optional fields, at any level, before case-service reads them
        String id = UUID.randomUUID().toString();
        String lastName = Fixtures.uniqueName();
        String payload = event(id, lastName, Fixtures.nir(), ",\"team\":\"RA-LYON\",\"mobility\":{\"car\":false}")
                .replace("\"preferredContactSlot\"", "\"channelOfSignal\":\"API\",\"preferredContactSlot\"")
                .replaceFirst("\\{\"specversion\"", "{\"partitionkey\":\"x\",\"specversion\"");
        assertThat(payload).contains("\"channelOfSignal\"", "\"partitionkey\"", "\"mobility\"");
        Kafka.send(Kafka.bootstrap(), "offer-accepted", id, payload);

        // opened, in the region's queue: the unknown "team" assigned nothing
        await().atMost(Duration.ofSeconds(30)).until(() -> casesOf(lastName) == 1);
        assertThat(Db.count("select count(*) from processed_event where event_id = ?", id)).isEqualTo(1);
    }

    @Test
    void aBadNirIsRefusedByBothAndTheReasonQuotesNoValue() {
        String json = event(UUID.randomUUID().toString(), "Durand", "199999999999999", "");
        assertThatThrownBy(() -> consumer.parse(json))
                .isInstanceOf(org.anaiss.platform.kafka.EventPayloads.MalformedEventException.class)
                .hasMessageContaining("data.person.nir")
                .hasMessageNotContaining("199999999999999");
    }
}

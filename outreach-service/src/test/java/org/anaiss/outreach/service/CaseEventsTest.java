package org.anaiss.outreach.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.anaiss.outreach.rest.PersonKeys;
import org.anaiss.outreach.support.Api;
import org.anaiss.outreach.support.Db;
import org.anaiss.outreach.support.Kafka;
import org.anaiss.outreach.support.Mailbox;
import org.anaiss.outreach.support.Nirs;
import org.anaiss.outreach.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What case-service tells on case-events, over the real broker: open cases, and objections recorded by its DPO. */
@QuarkusTest
class CaseEventsTest {

    @Test
    void objectionRecordedInCaseServiceCancelsOpenOffersAndIsHonouredByLaterCampaigns() {
        LocalDate day = Nirs.uniqueDay();
        String gilles = Tokens.user("gilles");
        String nir = Nirs.random();
        String signal = Api.signal(Tokens.cpam(), Nirs.signal(nir, "RHONE_ALPES", "OTHER", Mailbox.newAddress("dpo-objection"), day));
        String campaign = Api.createCampaign(gilles, Api.campaign("Avant objection", "EMAIL", List.of("OTHER"), day));
        Api.launch(gilles, campaign);
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(Api.status(gilles, campaign)));
        assertThat(Db.string("select status from offer where signal_id = ?::uuid", signal)).isEqualTo("SENT");

        Kafka.personObjected(PersonKeys.of(nir), "RHONE_ALPES");
        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(Db.string("select status from offer where signal_id = ?::uuid", signal)));
        assertThat(Db.string("select source from objection where person_key = ?", PersonKeys.of(nir))).isEqualTo("CASE_SERVICE");
    }

    @Test
    void anEventHeldUpByTheDatabaseForLongDoesNotStopTheChannel() throws Exception {
        // with the connector's age check on (it was, at 60 s), a record unacknowledged for longer stopped the channel for
        // good: nothing after it was ever applied. Here 15 s, against a check set at 3 s: the channel stopped (tried).
        String heldUp = PersonKeys.of(Nirs.random());
        try (Connection c = Db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("lock table known_case in exclusive mode");
            Kafka.caseEvent(heldUp, "RHONE_ALPES", "OPEN");
            Thread.sleep(15_000);
            c.rollback();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count("select count(*) from known_case where person_key = ?", heldUp) == 1);
        String next = PersonKeys.of(Nirs.random());
        Kafka.caseEvent(next, "RHONE_ALPES", "OPEN");
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count("select count(*) from known_case where person_key = ?", next) == 1);
    }
}

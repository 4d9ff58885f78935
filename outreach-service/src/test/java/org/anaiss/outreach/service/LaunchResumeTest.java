package org.anaiss.outreach.service;

import org.anaiss.outreach.repository.Times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.anaiss.outreach.repository.OfferTargets;
import org.anaiss.outreach.repository.Sql;
import org.anaiss.outreach.support.Api;
import org.anaiss.outreach.support.Db;
import org.anaiss.outreach.support.Mailbox;
import org.anaiss.outreach.support.Nirs;
import org.anaiss.outreach.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A launch whose instance died mid-way is resumed by another one once its lease has expired: the
 * people already handled are not sent a second message, the others are all reached. (The system test
 * OutreachLaunchRestartIT stops and restarts the real service.)
 */
@QuarkusTest
class LaunchResumeTest {

    @Inject
    Sql sql;
    @Inject
    MailQueue mails;

    @Test
    void jobLeftByADeadInstanceIsResumedWithoutDuplicateNorMiss() throws InterruptedException {
        LocalDate day = Nirs.uniqueDay();
        String gilles = Tokens.user("gilles");
        Map<String, String> addressBySignal = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            String address = Mailbox.newAddress("resume" + i);
            addressBySignal.put(Api.signal(Tokens.cpam(), Nirs.signal(Nirs.random(), "RHONE_ALPES", "OTHER", address, day)), address);
        }
        UUID campaign = UUID.fromString(Api.createCampaign(gilles, Api.campaign("Reprise", "EMAIL", List.of("OTHER"), day)));

        // what a dead instance left: offers selected, 5 delivered (their messages queued, one of them claimed by its
        // relay and never confirmed), and the lease still held by it
        Instant now = Instant.now();
        sql.execute("update campaign set status = 'LAUNCHING', phase = 'DELIVERING', launched_at = $2, lease_owner = 'launch-dead', "
                + "lease_until = $3 where id = $1", Tuple.of(campaign, Times.utc(now), Times.utc(now.plusSeconds(3600))));
        sql.execute(OfferTargets.INSERT, OfferTargets.insertArgs("RHONE_ALPES", new String[] { "OTHER" }, day, day, "EMAIL", campaign,
                now.plusSeconds(86_400 * 20), now));
        sql.execute("update campaign set total = (select count(*) from offer where campaign_id = $1), done = 5 where id = $1",
                Tuple.of(campaign));
        List<Row> delivered = new ArrayList<>();
        sql.execute("select id, signal_id from offer where campaign_id = $1 order by id limit 5", Tuple.of(campaign))
                .forEach(delivered::add);
        for (Row r : delivered) {
            UUID offer = r.getUUID("id");
            String address = addressBySignal.get(r.getUUID("signal_id").toString());
            sql.inTransaction(conn -> mails.enqueue(conn, MailQueue.offerKey(offer), address, "Une aide du service social",
                    "message of the dead instance", Instant.now(), Instant.now()));
            sql.execute("update offer set status = 'SENT', sent_at = $2 where id = $1", Tuple.of(offer, Times.utc(now)));
        }
        sql.execute("update mail_message set status = 'SENDING', lease_until = $2, attempts = 1 where dedupe_key = $1",
                Tuple.of(MailQueue.offerKey(delivered.get(0).getUUID("id")), Times.utc(now.minusSeconds(1))));
        assertThat(Api.status(gilles, campaign.toString())).isEqualTo("LAUNCHING");

        // the dead instance's lease expires: this instance takes the job over
        sql.execute("update campaign set lease_until = $2 where id = $1", Tuple.of(campaign, Times.utc(Instant.now().minusSeconds(1))));
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(Api.status(gilles, campaign.toString())));
        await().atMost(Duration.ofSeconds(60)).until(() -> addressBySignal.values().stream().allMatch(a -> Mailbox.count(a) >= 1));
        Thread.sleep(3000); // a duplicate, if any, would have arrived by now (the relay runs every second)
        for (String address : addressBySignal.values()) {
            assertThat(Mailbox.count(address)).as("messages to one person").isEqualTo(1);
        }
        assertThat(Db.count("select count(*) from mail_message where dedupe_key in (select 'offer:' || id from offer where campaign_id = ?)",
                campaign)).isEqualTo(12);
        assertThat(Db.count("select count(*) from offer where campaign_id = ? and status = 'SENT'", campaign)).isEqualTo(12);
        assertThat(Db.count("select done from campaign where id = ?", campaign)).isEqualTo(12);
    }
}

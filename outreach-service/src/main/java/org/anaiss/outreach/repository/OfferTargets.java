package org.anaiss.outreach.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.anaiss.outreach.domain.Campaign;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Who a campaign targets, in SQL: signalled people of its region, signal types and window, reachable
 * by its channel, without an objection, without an open case, without an open offer, and whose signal
 * never had an offer. One person (the latest signal) per campaign. The preview counts exactly the
 * people the launch inserts when nothing changes in between.
 */
public final class OfferTargets {

    // $1 region, $2 signal types, $3 window from, $4 window to, $5 channel
    static final String ELIGIBLE = " from signal s where s.region = $1 and s.signal_type = any($2) "
            + "and s.signal_date between $3 and $4 "
            + "and (case when $5 = 'EMAIL' then s.has_email else s.has_address end) "
            + "and not exists (select 1 from offer o where o.signal_id = s.id) "
            + "and not exists (select 1 from offer o where o.person_key = s.person_key and o.status in ('PENDING', 'SENT', 'POSTPONED')) "
            + "and not exists (select 1 from objection j where j.person_key = s.person_key) "
            + "and not exists (select 1 from known_case k where k.person_key = s.person_key and k.status <> 'CLOSED') ";

    public static final String COUNT = "select count(distinct s.person_key)" + ELIGIBLE;

    // $6 campaign id, $7 expires at, $8 now
    public static final String INSERT = "insert into offer (id, campaign_id, signal_id, person_key, region, signal_type, "
            + "channel, status, expires_at, created_at) "
            + "select gen_random_uuid(), $6, t.id, t.person_key, t.region, t.signal_type, $5, 'PENDING', $7, $8 from ("
            + "select distinct on (s.person_key) s.id, s.person_key, s.region, s.signal_type" + ELIGIBLE
            + "order by s.person_key, s.signal_date desc, s.received_at desc, s.id) t "
            + "on conflict do nothing";

    private OfferTargets() {
    }

    public static Tuple countArgs(Campaign c) {
        return Tuple.tuple().addString(c.region.name()).addArrayOfString(c.signalTypes.split(","))
                .addLocalDate(c.windowFrom).addLocalDate(c.windowTo).addString(c.channel.name());
    }

    public static Tuple insertArgs(String region, String[] types, LocalDate from, LocalDate to, String channel, UUID campaignId,
            Instant expiresAt, Instant now) {
        return Tuple.tuple().addString(region).addArrayOfString(types).addLocalDate(from).addLocalDate(to).addString(channel)
                .addUUID(campaignId).addOffsetDateTime(Times.utc(expiresAt)).addOffsetDateTime(Times.utc(now));
    }
}

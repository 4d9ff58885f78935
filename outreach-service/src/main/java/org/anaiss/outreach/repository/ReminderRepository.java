package org.anaiss.outreach.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;


import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The reminders due before sessions, read blocking on the reactive pool ({@link Sql}; worker threads only). */
@ApplicationScoped
public class ReminderRepository {

    /** A registration to remind: its sealed attendee, and when, where and what its session is. */
    public record Due(UUID registrationId, byte[] personCiphertext, String personKeyId, Instant startsAt, String place,
            String videoUrl, String title) {
    }

    private final Sql sql;

    public ReminderRepository(Sql sql) {
        this.sql = sql;
    }

    /**
     * Registrations holding a seat, with an e-mail address, whose session starts after {@code from} and by {@code to},
     * and whose reminder is not queued yet; at most 1000 a round.
     */
    public List<Due> listDue(Instant from, Instant to) {
        List<Due> due = new ArrayList<>();
        for (Row r : sql.execute("select r.id, r.person_ct, r.person_key_id, s.starts_at, s.duration_minutes, s.place, s.video_url, "
                + "a.title from registration r join action_session s on s.id = r.session_id join collective_action a on a.id = r.action_id "
                + "where r.status = 'REGISTERED' and r.has_email and s.starts_at > $1 and s.starts_at <= $2 "
                + "and not exists (select 1 from mail_message m where m.dedupe_key = 'reminder:' || r.id::text) limit 1000",
                Tuple.of(Times.utc(from), Times.utc(to)))) {
            due.add(new Due(r.getUUID("id"), r.getBuffer("person_ct").getBytes(), r.getString("person_key_id"),
                    r.getOffsetDateTime("starts_at").toInstant(), r.getString("place"), r.getString("video_url"), r.getString("title")));
        }
        return due;
    }
}

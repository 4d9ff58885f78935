package org.anaiss.outreach.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.domain.ActionSession;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the invitation worker reads and writes, blocking on the reactive pool ({@link Sql}; worker threads only):
 * the invitations still to deliver with what their message needs, and, in the worker's transaction, their lock and
 * their delivery.
 */
@ApplicationScoped
public class InvitationDeliveryRepository {

    /** An invitation to deliver, with its person's sealed identity and its round's message. */
    public record Pending(UUID id, UUID actionId, UUID signalId, byte[] personCiphertext, String keyId, String channel, String subject,
            String template, String region) {
    }

    private final Sql sql;

    public InvitationDeliveryRepository(Sql sql) {
        this.sql = sql;
    }

    /** Up to {@code limit} PENDING invitations, the oldest first. */
    public List<Pending> listPending(int limit) {
        List<Pending> chunk = new ArrayList<>();
        for (Row r : sql.execute("select i.id, i.action_id, i.signal_id, s.person_ct, s.person_key_id, i.channel, ro.subject, ro.template, "
                + "a.region from invitation i join signal s on s.id = i.signal_id join invitation_round ro on ro.id = i.round_id "
                + "join collective_action a on a.id = i.action_id where i.status = 'PENDING' order by i.created_at, i.id limit $1",
                Tuple.of(limit))) {
            chunk.add(new Pending(r.getUUID("id"), r.getUUID("action_id"), r.getUUID("signal_id"), r.getBuffer("person_ct").getBytes(),
                    r.getString("person_key_id"), r.getString("channel"), r.getString("subject"), r.getString("template"),
                    r.getString("region")));
        }
        return chunk;
    }

    /** An action's sessions starting after {@code now}, the earliest first (what a message lists; not attached entities). */
    public List<ActionSession> listUpcomingSessions(UUID actionId, Instant now) {
        List<ActionSession> sessions = new ArrayList<>();
        for (Row r : sql.execute("select id, starts_at, duration_minutes, place, video_url from action_session where action_id = $1 "
                + "and starts_at > $2 order by starts_at", Tuple.of(actionId, Times.utc(now)))) {
            ActionSession s = new ActionSession();
            s.id = r.getUUID("id");
            s.startsAt = r.getOffsetDateTime("starts_at").toInstant();
            s.durationMinutes = r.getInteger("duration_minutes");
            s.place = r.getString("place");
            s.videoUrl = r.getString("video_url");
            sessions.add(s);
        }
        return sessions;
    }

    /**
     * In the worker's transaction: locks those of the invitations still PENDING and returns their ids; the others were
     * cancelled meanwhile (an objection) or delivered by another instance, and must not be delivered.
     */
    public Set<UUID> lockPending(SqlConnection conn, List<UUID> ids) {
        Set<UUID> kept = new HashSet<>();
        for (Row r : Sql.execute(conn, "select id from invitation where id = any($1) and status = 'PENDING' for update",
                Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new)))) {
            kept.add(r.getUUID("id"));
        }
        return kept;
    }

    /** The invitations those people already have to the action, by person key. */
    public Map<String, UUID> findIdsByPerson(UUID actionId, String[] personKeys) {
        Map<String, UUID> byPerson = new HashMap<>();
        for (Row r : sql.execute("select id, person_key from invitation where action_id = $1 and person_key = any($2)",
                Tuple.tuple().addUUID(actionId).addArrayOfString(personKeys))) {
            byPerson.put(r.getString("person_key"), r.getUUID("id"));
        }
        return byPerson;
    }

    /**
     * In the launch's transaction: the invitations carried by offers, already SENT with them; each row is id, action,
     * round, signal, person key, channel, token hash, expires at, created and sent at. A person invited meanwhile keeps
     * their invitation.
     */
    public void insertSentWithOffers(SqlConnection conn, List<Tuple> rows) {
        Sql.batch(conn, "insert into invitation (id, action_id, round_id, signal_id, person_key, channel, status, "
                + "token_hash, expires_at, created_at, sent_at) values ($1, $2, $3, $4, $5, $6, 'SENT', $7, $8, $9, $9) "
                + "on conflict do nothing", rows);
    }

    /** In the worker's transaction: marks invitations SENT; each row is id, sent at, token hash, letter ciphertext, letter key. */
    public void markSent(SqlConnection conn, List<Tuple> rows) {
        conn.preparedQuery("update invitation set status = 'SENT', sent_at = $2, token_hash = $3, pdf_ct = $4, pdf_key = $5 "
                + "where id = $1 and status = 'PENDING'").executeBatch(rows).await().atMost(Sql.STATEMENT_TIMEOUT);
    }
}

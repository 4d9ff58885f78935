package org.anaiss.platform.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.platform.problem.ProblemException;
import org.anaiss.platform.problem.SqlStates;
import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The DPO's view of the audit trail: per subject, per period of at most 31 days with a reason, per
 * actor only for a named incident (rules in {@link AuditQuery}), and a verification of the hash chains.
 * Every reading is itself recorded (audit_reading), in the transaction that reads. There is
 * deliberately no aggregate, no count per user: the trail serves security, never the measurement of staff.
 */
@ApplicationScoped
public class AuditReader {

    /** The default period of a verification: a synchronous request must end in bounded time. */
    public static final Duration DEFAULT_VERIFICATION_PERIOD = Duration.ofDays(31);
    /**
     * The longest a synchronous verification may run in the database, below the gateway's 15 s: past it the DPO is
     * told to start a background verification (or take a shorter period), rather than receiving a 504 that says nothing.
     */
    public static final Duration VERIFICATION_BUDGET = Duration.ofSeconds(10);

    private final AuditLayout layout;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditReader(AuditLayout layout, ObjectMapper json, Clock clock) {
        this.layout = layout;
        this.json = json;
        this.clock = clock;
    }

    /** One reading of the trail, recorded (who, when, which filter, why) in the same transaction: no reading without its record. */
    public Uni<List<AuditRow>> read(AuditActor reader, AuditQuery q) {
        String filter;
        try {
            filter = json.writeValueAsString(q.filter());
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("audit filter not serialisable", e));
        }
        String where = switch (q.kind()) {
            case AuditQuery.PERIOD -> "at >= :from and at < :to";
            case AuditQuery.ACTOR -> "actor = :actor and at >= :from and at < :to";
            default -> q.subject().column() + " = :subject";
        };
        String select = "select seq, at, actor, actor_role, action, record_type, record_id, " + layout.columns(null)
                + ", request_id, chain, hash from audit_record where " + where + " and seq > :after order by seq limit :n";
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                insert into audit_reading (id, read_at, reader, reader_role, filter_kind, filter, reason, incident, request_id)
                values (:id, :at, :reader, :role, :kind, :filter, :reason, :incident, :requestId)""")
                .setParameter("id", UUID.randomUUID()).setParameter("at", clock.instant()).setParameter("reader", reader.actor())
                .setParameter("role", reader.role()).setParameter("kind", q.kind()).setParameter("filter", filter)
                .setParameter("reason", q.reason()).setParameter("incident", q.incident())
                .setParameter("requestId", reader.requestId()).executeUpdate()
                .chain(() -> {
                    Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(select, Object[].class)
                            .setParameter("after", q.afterSeq()).setParameter("n", q.limit());
                    switch (q.kind()) {
                        case AuditQuery.ACTOR -> query.setParameter("actor", q.actor()).setParameter("from", q.from())
                                .setParameter("to", q.to());
                        case AuditQuery.PERIOD -> query.setParameter("from", q.from()).setParameter("to", q.to());
                        default -> query.setParameter("subject", q.subjectValue());
                    }
                    return query.getResultList();
                })))
                .map(rows -> rows.stream().map(this::row).toList());
    }

    private AuditRow row(Object[] c) {
        int n = layout.columns().size();
        List<Object> subjects = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            subjects.add(c[7 + s]);
        }
        byte[] hash = (byte[]) c[9 + n];
        return new AuditRow(((Number) c[0]).longValue(), Rows.instant(c[1]), (String) c[2], (String) c[3], (String) c[4],
                (String) c[5], (UUID) c[6], subjects, (String) c[7 + n], ((Number) c[8 + n]).intValue(),
                hash == null ? null : HexFormat.of().formatHex(hash));
    }

    /** The readings of the trail in [from, to), newest first (for admins: who read the trail, and why). */
    public Uni<List<AuditReading>> readings(Instant from, Instant to, int limit) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                select id, read_at, reader, reader_role, filter_kind, filter, reason, incident, request_id from audit_reading
                where read_at >= :from and read_at < :to order by read_at desc, id limit :n""", Object[].class)
                .setParameter("from", from).setParameter("to", to).setParameter("n", limit)
                .getResultList()))
                .map(rows -> rows.stream().map(c -> new AuditReading((UUID) c[0], Rows.instant(c[1]), (String) c[2], (String) c[3],
                        (String) c[4], (String) c[5], (String) c[6], (String) c[7], (String) c[8])).toList());
    }

    /** [from, to) */
    public record Period(Instant from, Instant to) {
    }

    /**
     * The period [from, to) of a verification, synchronous or in the background: by default the 31
     * days before now.
     * @throws ProblemException 400 when it is empty
     */
    public static Period verificationPeriod(Instant from, Instant to, Clock clock) {
        Instant end = to != null ? to : clock.instant().plusSeconds(60);
        Instant start = from != null ? from : end.minus(DEFAULT_VERIFICATION_PERIOD);
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("invalid-period", "Invalid period", "'from' must be before 'to'.");
        }
        return new Period(start, end);
    }

    /**
     * The check of each record of the source aliased {@code a}, shared by the synchronous verification
     * and the background job's chunks so that both give the same figures: a record is intact when its
     * hash is the hash of its previous-hash and its own content, and its previous-hash is the hash of the
     * record before it in its chain (looked up by index, even before the period or the chunk). The first
     * remaining record of a chain is its anchor (older ones may have been purged after a year).
     */
    String recordChecks(String source) {
        return """
                select a.seq,
                       -- an erased hash is a broken record, not an unknown one
                       coalesce(a.hash = sha256(coalesce(a.prev_hash, '\\x'::bytea) || %s), false) as content_ok,
                       (p.hash is null or a.prev_hash is not distinct from p.hash) as link_ok
                from %s a
                left join lateral (select b.hash from audit_record b where b.chain = a.chain and b.seq < a.seq
                                   order by b.seq desc limit 1) p on true
                """.formatted(layout.content("a"), source);
    }

    /** Chain heads that do not match the record they name. */
    static final String BROKEN_HEADS = """
            select count(*) as broken_heads from audit_chain_head h
            where h.last_seq is not null and h.last_hash is distinct from
                  (select a.hash from audit_record a where a.seq = h.last_seq)
            """;

    /**
     * Recomputes the chains over the records written in [from, to) (default: the 31 days before now),
     * and checks the chain heads against the records they name.
     */
    public Uni<AuditVerification> verify(Instant from, Instant to) {
        return verify(from, to, VERIFICATION_BUDGET);
    }

    /**
     * The same within {@code budget}: a verification that would take longer (a period too large, or the database
     * too busy) is stopped and refused with 422 verification-too-long, which names the background job.
     */
    public Uni<AuditVerification> verify(Instant from, Instant to, Duration budget) {
        Period period;
        try {
            period = verificationPeriod(from, to, clock);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        String sql = "with checked as (" + recordChecks("audit_record") + """
                  where a.at >= :from and a.at < :to
                ), heads as (""" + BROKEN_HEADS + """
                )
                select (select count(*) from checked),
                       (select min(seq) from checked where not (content_ok and link_ok)),
                       (select count(*) from checked where not (content_ok and link_ok)) + (select broken_heads from heads)
                """;
        // statement_timeout for this transaction only (set_config(..., true)); the whole query counts, lock waits included
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select set_config('statement_timeout', :ms, true)", String.class)
                .setParameter("ms", Long.toString(Math.max(1, budget.toMillis()))).getSingleResult()
                .chain(() -> session.createNativeQuery(sql, Object[].class)
                        .setParameter("from", period.from()).setParameter("to", period.to()).getSingleResult())))
                .onFailure(e -> SqlStates.find(e, QUERY_CANCELED) != null).transform(e -> tooLong(budget))
                .map(row -> {
                    long broken = Rows.longValue(row[2]);
                    return new AuditVerification(broken == 0, Rows.longValue(row[0]), Rows.longOrNull(row[1]), broken, clock.instant());
                });
    }

    /** SQL state of a statement stopped by statement_timeout. */
    private static final String QUERY_CANCELED = "57014";

    private static ProblemException tooLong(Duration budget) {
        return new ProblemException(422, "verification-too-long", "Verification too long for a request",
                "Verifying this period takes longer than a request may (" + budget.toSeconds() + " s): start a background "
                        + "verification of the same period (POST .../audit/verifications), or verify a shorter period.", null);
    }
}

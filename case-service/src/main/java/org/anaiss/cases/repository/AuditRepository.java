package org.anaiss.cases.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.AuditRecord;
import org.anaiss.cases.service.AuditEntry;
import org.anaiss.cases.service.Caller;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditRecord, Long> {

    /**
     * Appends entries in one statement, inside the caller's transaction. The database trigger chains
     * each row to the previous one of its chain (seq, hash), so the application cannot forge that part.
     */
    public Uni<Void> append(Caller caller, List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        StringBuilder sql = new StringBuilder(
                "insert into audit_record (actor, actor_role, action, record_type, record_id, case_id, person_id, request_id) values ");
        for (int i = 0; i < entries.size(); i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append("(:actor, :role, :action").append(i).append(", :type").append(i).append(", :record").append(i)
                    .append(", :case").append(i).append(", :person").append(i).append(", :requestId)");
        }
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString())
                    .setParameter("actor", caller.username())
                    .setParameter("role", caller.auditRole())
                    .setParameter("requestId", caller.requestId());
            for (int i = 0; i < entries.size(); i++) {
                AuditEntry e = entries.get(i);
                query.setParameter("action" + i, e.action().name())
                        .setParameter("type" + i, e.recordType())
                        .setParameter("record" + i, e.recordId())
                        .setParameter("case" + i, e.caseId())
                        .setParameter("person" + i, e.personId());
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    public Uni<List<AuditRecord>> forCase(UUID caseId, long afterSeq, int limit) {
        return find("caseId = ?1 and seq > ?2 order by seq", caseId, afterSeq).page(0, limit).list();
    }

    public Uni<List<AuditRecord>> forPerson(UUID personId, long afterSeq, int limit) {
        return find("personId = ?1 and seq > ?2 order by seq", personId, afterSeq).page(0, limit).list();
    }

    public Uni<List<AuditRecord>> inPeriod(Instant from, Instant to, long afterSeq, int limit) {
        return find("at >= ?1 and at < ?2 and seq > ?3 order by seq", from, to, afterSeq).page(0, limit).list();
    }

    /**
     * The check of each record of the source aliased {@code a}, shared by the synchronous verification
     * and the background job's chunks so that both give the same figures: a record is intact when its
     * hash is the hash of its previous-hash and its own content, and its previous-hash is the hash of the
     * record before it in its chain (looked up by index, even before the period or the chunk). The first
     * remaining record of a chain is its anchor (older ones may have been purged after a year).
     */
    private static final String RECORD_CHECKS = """
            select a.seq,
                   -- an erased hash is a broken record, not an unknown one
                   coalesce(a.hash = sha256(coalesce(a.prev_hash, '\\x'::bytea) || audit_content(a.seq, a.at, a.actor,
                       a.actor_role, a.action, a.record_type, a.record_id, a.case_id, a.person_id, a.request_id,
                       a.chain)), false) as content_ok,
                   (p.hash is null or a.prev_hash is not distinct from p.hash) as link_ok
            from %s a
            left join lateral (select b.hash from audit_record b where b.chain = a.chain and b.seq < a.seq
                               order by b.seq desc limit 1) p on true
            """;

    /** Chain heads that do not match the record they name. */
    private static final String BROKEN_HEADS = """
            select count(*) as broken_heads from audit_chain_head h
            where h.last_seq is not null and h.last_hash is distinct from
                  (select a.hash from audit_record a where a.seq = h.last_seq)
            """;

    /**
     * Recomputes the chains over the records written in [from, to) (see {@link #RECORD_CHECKS}), and
     * checks the chain heads against the records they name. Returns [records checked, first broken seq
     * or null, broken count].
     */
    public Uni<Object[]> verifyChains(Instant from, Instant to) {
        String sql = "with checked as (" + RECORD_CHECKS.formatted("audit_record") + """
                  where a.at >= :from and a.at < :to
                ), heads as (""" + BROKEN_HEADS + """
                )
                select (select count(*) from checked),
                       (select min(seq) from checked where not (content_ok and link_ok)),
                       (select count(*) from checked where not (content_ok and link_ok)) + (select broken_heads from heads)
                """;
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter("from", from).setParameter("to", to).getSingleResult());
    }

    /**
     * One chunk of a background verification: the next {@code size} records of [from, to) after seq
     * {@code afterSeq}, in seq order, checked as by {@link #verifyChains} (chain heads apart, see
     * {@link #brokenHeads}). Returns [records checked, highest seq checked or null, first broken seq or
     * null, broken count]; fewer records than {@code size} means the period is done.
     */
    public Uni<Object[]> verifyChunk(Instant from, Instant to, long afterSeq, int size) {
        String sql = """
                with chunk as (
                  select * from audit_record
                  where at >= :from and at < :to and seq > :after
                  order by seq limit :size
                ), checked as (""" + RECORD_CHECKS.formatted("chunk") + """
                )
                select count(*), max(seq),
                       min(seq) filter (where not (content_ok and link_ok)),
                       count(*) filter (where not (content_ok and link_ok))
                from checked
                """;
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter("from", from).setParameter("to", to).setParameter("after", afterSeq).setParameter("size", size)
                .getSingleResult());
    }

    /** How many chain heads do not match the record they name (counted as broken records, as by verifyChains). */
    public Uni<Long> brokenHeads() {
        return Panache.getSession().chain(session -> session.createNativeQuery(BROKEN_HEADS, Long.class).getSingleResult());
    }
}

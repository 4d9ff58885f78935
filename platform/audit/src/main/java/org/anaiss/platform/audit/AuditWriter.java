package org.anaiss.platform.audit;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes who read or changed which record of personal data, in the transaction that did it: through
 * the current Hibernate Reactive session, or on a Vert.x connection in a transaction (jobs on worker
 * threads). The database trigger chains each row to the previous one of its chain (seq, prev_hash,
 * hash), so the application cannot forge that part, and refuses any update or delete.
 */
@ApplicationScoped
public class AuditWriter {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private final AuditLayout layout;

    public AuditWriter(AuditLayout layout) {
        this.layout = layout;
    }

    /** In the current session's transaction (a service method under @WithTransaction or Panache.withTransaction). */
    public Uni<Void> append(AuditActor actor, List<AuditLine> lines) {
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> append(session, actor, lines));
    }

    public Uni<Void> append(Mutiny.Session session, AuditActor actor, List<AuditLine> lines) {
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = layout.columns().size();
        StringBuilder sql = new StringBuilder("insert into audit_record (actor, actor_role, action, record_type, record_id, "
                + layout.columns(null) + ", request_id) values ");
        for (int i = 0; i < lines.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:actor, :role, :action").append(i).append(", :type").append(i)
                    .append(", :record").append(i);
            for (int s = 0; s < n; s++) {
                sql.append(", :s").append(i).append('_').append(s);
            }
            sql.append(", :requestId)");
        }
        var query = session.createNativeQuery(sql.toString())
                .setParameter("actor", actor.actor()).setParameter("role", actor.role()).setParameter("requestId", actor.requestId());
        for (int i = 0; i < lines.size(); i++) {
            AuditLine line = check(lines.get(i));
            query.setParameter("action" + i, line.action()).setParameter("type" + i, line.recordType())
                    .setParameter("record" + i, line.recordId());
            for (int s = 0; s < n; s++) {
                query.setParameter("s" + i + "_" + s, line.subjects().get(s));
            }
        }
        return query.executeUpdate().replaceWithVoid();
    }

    /** Blocking, on a connection whose transaction the caller holds (worker threads only). */
    public void append(SqlConnection conn, AuditActor actor, List<AuditLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        int n = layout.columns().size();
        StringBuilder sql = new StringBuilder("insert into audit_record (actor, actor_role, action, record_type, record_id, "
                + layout.columns(null) + ", request_id) values ");
        Tuple args = Tuple.tuple().addValue(actor.actor()).addValue(actor.role()).addValue(actor.requestId());
        int p = 4;
        for (int i = 0; i < lines.size(); i++) {
            AuditLine line = check(lines.get(i));
            sql.append(i == 0 ? "" : ", ").append("($1, $2, $").append(p++).append(", $").append(p++).append(", $").append(p++);
            args.addValue(line.action()).addValue(line.recordType()).addValue(line.recordId());
            for (int s = 0; s < n; s++) {
                sql.append(", $").append(p++);
                args.addValue(line.subjects().get(s));
            }
            sql.append(", $3)");
        }
        conn.preparedQuery(sql.toString()).execute(args).await().atMost(TIMEOUT);
    }

    private AuditLine check(AuditLine line) {
        if (line.subjects().size() != layout.columns().size()) {
            throw new IllegalArgumentException("an audit line names " + line.subjects().size() + " subjects, the trail has "
                    + layout.columns().size());
        }
        return line;
    }
}

package org.anaiss.outreach.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;


import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Events written to the outbox (table outbox_event) by the blocking jobs, in their transaction on that connection,
 * their payload in clear: the callers put no personal data in them (ids, counts, statistics).
 */
@ApplicationScoped
public class OutboxEventRepository {

    public void insert(SqlConnection conn, UUID id, String topic, String recordKey, String type, String payload, Instant now) {
        Sql.execute(conn, "insert into outbox_event (id, topic, record_key, type, payload, created_at) values ($1, $2, $3, $4, $5, $6)",
                Tuple.tuple().addUUID(id).addString(topic).addString(recordKey)
                        .addString(type).addString(payload).addOffsetDateTime(Times.utc(now)));
    }
}

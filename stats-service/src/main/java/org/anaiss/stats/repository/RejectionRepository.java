package org.anaiss.stats.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.stats.domain.Rejection;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Rejected messages: where, why, when. Never their content. */
@ApplicationScoped
public class RejectionRepository {

    private final Pool pool;

    public RejectionRepository(Pool pool) {
        this.pool = pool;
    }

    /** Recorded once per position: a rebuild that reads the message again adds nothing. */
    public Uni<Void> record(String topic, int partition, long offset, String key, String reason, Instant at) {
        return pool.preparedQuery("""
                insert into rejection (topic, partition_no, kafka_offset, record_key, reason, rejected_at)
                values ($1, $2, $3, $4, $5, $6) on conflict (topic, partition_no, kafka_offset) do nothing
                """).execute(Tuple.from(Arrays.asList(topic, partition, offset, key, reason, at.atOffset(ZoneOffset.UTC))))
                .replaceWithVoid();
    }

    /** Newest first; page with beforeId (the smallest id received). */
    @WithSession
    public Uni<List<Rejection>> list(long beforeId, int limit) {
        return Rejection.<Rejection>find("id < ?1 order by id desc", beforeId).page(0, limit).list();
    }
}

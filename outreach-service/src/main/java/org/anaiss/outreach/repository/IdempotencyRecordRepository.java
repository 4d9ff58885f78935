package org.anaiss.outreach.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.domain.IdempotencyRecord;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

/** The answers given to partners' requests, by (partner, Idempotency-Key), to replay to a retry (table idempotency_record). */
@ApplicationScoped
public class IdempotencyRecordRepository implements PanacheRepositoryBase<IdempotencyRecord, String> {
}

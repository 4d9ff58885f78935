package org.anaiss.cases.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.ErasureConfirmation;
import org.anaiss.cases.domain.ErasureRequest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Erasures decided here and the confirmations of the services that applied them. */
@ApplicationScoped
public class ErasureRepository implements PanacheRepositoryBase<ErasureRequest, UUID> {

    public Uni<List<ErasureRequest>> forPerson(UUID personId) {
        return list("personId = ?1 order by decidedAt", personId);
    }

    public Uni<List<ErasureConfirmation>> confirmations(List<UUID> erasureIds) {
        return ErasureConfirmation.list("erasureId in ?1", erasureIds);
    }

    /** @return true when recorded, false when that service had already confirmed this erasure */
    public Uni<Boolean> confirm(UUID erasureId, String service, String outcome, Integer rowsErased, Instant confirmedAt,
            Instant receivedAt) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into erasure_confirmation (erasure_id, service, "
                + "outcome, rows_erased, confirmed_at, received_at) values (:e, :s, :o, :n, :c, :r) on conflict do nothing")
                .setParameter("e", erasureId).setParameter("s", service).setParameter("o", outcome)
                .setParameter("n", rowsErased).setParameter("c", confirmedAt).setParameter("r", receivedAt)
                .executeUpdate()).map(n -> n == 1);
    }

    /** Their confirmations go with them (foreign key, on delete cascade). */
    public Uni<Long> deleteDecidedBefore(Instant before) {
        return delete("decidedAt < ?1", before);
    }
}

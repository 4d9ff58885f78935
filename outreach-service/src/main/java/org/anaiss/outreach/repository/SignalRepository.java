package org.anaiss.outreach.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.outreach.domain.Signal;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Signals of people in difficulty sent by partner systems (table signal). */
@ApplicationScoped
public class SignalRepository implements PanacheRepositoryBase<Signal, UUID> {

    /** Every signal on the person, the first received first. */
    public Uni<List<Signal>> listOfPerson(String personKey) {
        return list("personKey = ?1 order by receivedAt", personKey);
    }

    /** The signal when that partner sent it, else null: a partner never reaches another partner's signals. */
    public Uni<Signal> findOfPartner(UUID signalId, String partner) {
        return find("id = ?1 and partner = ?2", signalId, partner).firstResult();
    }

    /** One page of a partner's signals, the latest received first. */
    public Uni<List<Signal>> pageOfPartner(String partner, int page, int size) {
        return find("partner = ?1 order by receivedAt desc, id", partner).page(page, size).list();
    }

    /** How many signals a partner has sent (the total of its pages). */
    public Uni<Long> countOfPartner(String partner) {
        return count("partner = ?1", partner);
    }
}

package org.anaiss.cases.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.Contact;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ContactRepository implements PanacheRepositoryBase<Contact, UUID> {

    /** Newest first, as a social worker reads them; oldest first for an export. */
    public Uni<List<Contact>> listForCase(UUID caseId, boolean newestFirst) {
        return list(newestFirst ? "caseId = ?1 order by occurredAt desc" : "caseId = ?1 order by occurredAt", caseId);
    }

    public Uni<Long> deleteForCase(UUID caseId) {
        return delete("caseId = ?1", caseId);
    }
}

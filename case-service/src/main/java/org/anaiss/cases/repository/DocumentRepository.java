package org.anaiss.cases.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.Document;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DocumentRepository implements PanacheRepositoryBase<Document, UUID> {

    public Uni<List<DocumentMeta>> listForCase(UUID caseId) {
        return find("caseId = ?1 order by uploadedAt", caseId).project(DocumentMeta.class).list();
    }

    public Uni<Document> findInCase(UUID id, UUID caseId) {
        return find("id = ?1 and caseId = ?2", id, caseId).firstResult();
    }

    /** Whole documents, content included (an export or an archive). */
    public Uni<List<Document>> listWithContent(UUID caseId) {
        return list("caseId = ?1 order by uploadedAt", caseId);
    }

    public Uni<Long> deleteForCase(UUID caseId) {
        return delete("caseId = ?1", caseId);
    }
}

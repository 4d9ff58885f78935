package org.anaiss.cases.service;

import org.anaiss.platform.crypto.FieldCipher;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.config.CaseConfig;
import org.anaiss.cases.domain.Document;
import org.anaiss.cases.repository.DocumentMeta;
import org.anaiss.cases.repository.DocumentRepository;
import org.anaiss.platform.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Attachments of a case, stored encrypted in PostgreSQL; type checked on the bytes, size bounded. */
@ApplicationScoped
public class DocumentService {

    static final String RECORD = "DOCUMENT";

    /** A downloaded document: its metadata and decrypted bytes. */
    public record Download(DocumentDetails meta, byte[] content) {
    }

    private final CaseService cases;
    private final DocumentRepository documents;
    private final FieldCipher cipher;
    private final AuditTrail audit;
    private final CaseConfig config;
    private final Clock clock;

    public DocumentService(CaseService cases, DocumentRepository documents, FieldCipher cipher, AuditTrail audit,
            CaseConfig config, Clock clock) {
        this.cases = cases;
        this.documents = documents;
        this.cipher = cipher;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<DocumentDetails> upload(Caller caller, UUID caseId, String contentType, String fileName, byte[] content) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        if (content == null || content.length == 0) {
            return Uni.createFrom().failure(ProblemException.badRequest("empty-document", "Empty document",
                    "The document has no content."));
        }
        if (content.length > config.documents().maxBytes()) {
            return Uni.createFrom().failure(new ProblemException(413, "document-too-large", "Document too large",
                    "A document may not exceed " + config.documents().maxBytes() + " bytes.", null));
        }
        if (!config.documents().allowedTypes().contains(type)) {
            return Uni.createFrom().failure(new ProblemException(415, "unsupported-document-type",
                    "Unsupported document type", "Accepted types: " + config.documents().allowedTypes() + ".", null));
        }
        if (!FileTypes.matches(type, content)) {
            return Uni.createFrom().failure(new ProblemException(415, "content-mismatch", "Content does not match its type",
                    "The bytes of the document are not a " + type + " file.", null));
        }
        String name = FileTypes.safeFileName(fileName, type);
        return cases.load(caller, caseId).chain(c -> {
            Document d = new Document();
            d.id = UUID.randomUUID();
            d.caseId = c.id;
            d.fileName = name;
            d.contentType = type;
            d.sizeBytes = content.length;
            d.sha256 = sha256(content);
            FieldCipher.Sealed sealed = cipher.seal(content, place(d.id));
            d.contentCiphertext = sealed.ciphertext();
            d.contentKeyId = sealed.keyId();
            d.uploadedBy = caller.username();
            d.uploadedAt = clock.instant();
            c.updatedAt = d.uploadedAt;
            return documents.persist(d)
                    .call(() -> audit.record(caller, AuditAction.CREATE, RECORD, d.id, c.id, c.person.id))
                    .map(v -> details(new DocumentMeta(d.id, d.caseId, d.fileName, d.contentType, d.sizeBytes, d.sha256,
                            d.uploadedBy, d.uploadedAt)));
        });
    }

    @WithTransaction
    public Uni<List<DocumentDetails>> list(Caller caller, UUID caseId) {
        return cases.load(caller, caseId).chain(c -> documents.listForCase(c.id)
                .call(list -> audit.record(caller, list.stream()
                        .map(d -> new AuditEntry(AuditAction.LIST, RECORD, d.id(), c.id, c.person.id)).toList()))
                .map(list -> list.stream().map(DocumentService::details).toList()));
    }

    @WithTransaction
    public Uni<Download> download(Caller caller, UUID caseId, UUID documentId) {
        return cases.load(caller, caseId).chain(c -> documents.findInCase(documentId, c.id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Document " + documentId))
                .call(d -> audit.record(caller, AuditAction.DOWNLOAD, RECORD, d.id, c.id, c.person.id))
                .map(d -> new Download(details(new DocumentMeta(d.id, d.caseId, d.fileName, d.contentType, d.sizeBytes,
                        d.sha256, d.uploadedBy, d.uploadedAt)), cipher.open(d.contentKeyId, d.contentCiphertext, place(d.id)))));
    }

    static String place(UUID documentId) {
        return "document.content:" + documentId;
    }

    /** A document's metadata as shown, its SHA-256 in hexadecimal. */
    public static DocumentDetails details(DocumentMeta d) {
        return new DocumentDetails(d.id(), d.caseId(), d.fileName(), d.contentType(), d.sizeBytes(),
                HexFormat.of().formatHex(d.sha256()), d.uploadedBy(), d.uploadedAt());
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.anaiss.platform.audit;

import java.util.Map;

/**
 * A request the audit rules refuse (a period over 31 days, no reason, an actor without an incident,
 * another verification running...). The service renders it as its problem+json; the texts never quote
 * personal data.
 */
public class AuditException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final Map<String, Object> extensions;

    public AuditException(int status, String slug, String title, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    static AuditException badRequest(String slug, String title, String detail) {
        return new AuditException(400, slug, title, detail, null);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}

package org.anaiss.platform.problem;

import java.util.Map;

/**
 * A refusal the caller can act on, rendered as RFC 9457 problem+json. Its texts are written for the
 * caller and never contain personal data (no names, NIR, notes): only ids the caller already holds.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String slug, String title, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " does not exist or is outside your scope.", null);
    }

    /**
     * A link that existed but no longer works (used, cancelled, expired): still 404 for the JSON API,
     * with {@code "gone": true} so a page can say so (410) rather than "unknown link".
     */
    public static ProblemException linkGone(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " does not exist or is outside your scope.",
                Map.of("gone", true));
    }

    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(409, slug, title, detail, null);
    }

    public static ProblemException badRequest(String slug, String title, String detail) {
        return new ProblemException(400, slug, title, detail, null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail, null);
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

package org.anaiss.platform.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(URI type, String title, int status, String detail, String instance, String requestId,
        List<Violation> violations, @JsonIgnore @Schema(hidden = true) Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_BASE = "https://anaiss.example/problems/";

    /** One invalid field: where, and what is expected. Never the value that was sent. */
    public record Violation(String field, String message) {
    }

    static Problem of(int status, String slug, String title, String detail, String instance, String requestId) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, instance, requestId, null, null);
    }

    Problem withViolations(List<Violation> list) {
        return new Problem(type, title, status, detail, instance, requestId, list, extensions);
    }

    Problem withExtensions(Map<String, Object> map) {
        return new Problem(type, title, status, detail, instance, requestId, violations, map.isEmpty() ? null : map);
    }

    @JsonAnyGetter
    Map<String, Object> any() {
        return extensions == null ? Map.of() : extensions;
    }
}

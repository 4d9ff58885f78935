package org.anaiss.gateway.edge;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The route of a path without what identifies a record or a person: {@code /api/cases/{id}/documents/{id}}.
 * For the access log and the metrics' labels, which must carry no personal data and stay few.
 * Only plain lowercase words are kept; any other segment (UUID, number, code, name) becomes
 * {@code {id}}, and the segment after a public link's prefix, a single-use token, {@code {token}}.
 */
public final class RouteTemplate {

    // lowercase words with dashes and at most one extension: "plan-steps", "whoami", "calendar.ics"
    private static final Pattern WORD = Pattern.compile("[a-z][a-z-]{0,31}(\\.[a-z]{1,8})?");
    private static final int MAX_SEGMENTS = 12;

    private final List<String> publicPrefixes;

    public RouteTemplate(List<String> publicPrefixes) {
        this.publicPrefixes = List.copyOf(publicPrefixes);
    }

    public String of(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        String prefix = "";
        String rest = path;
        for (String publicPrefix : publicPrefixes) {
            if (path.startsWith(publicPrefix + "/")) {
                prefix = publicPrefix + "/{token}";
                int next = path.indexOf('/', publicPrefix.length() + 1);
                rest = next < 0 ? "" : path.substring(next);
                break;
            }
        }
        StringBuilder out = new StringBuilder(prefix);
        int segments = 0;
        for (String segment : rest.split("/", -1)) {
            if (segment.isEmpty()) {
                continue;
            }
            if (++segments > MAX_SEGMENTS) {
                out.append("/...");
                break;
            }
            out.append('/').append(WORD.matcher(segment).matches() ? segment : "{id}");
        }
        if (out.length() == 0) {
            return "/";
        }
        return out.toString();
    }
}

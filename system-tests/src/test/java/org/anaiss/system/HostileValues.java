package org.anaiss.system;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Hostile and boundary values, and for each one whether the schema it is sent against rules it out
 * ({@code mustReject}): then the service has to refuse the request, whatever else it holds. Values a
 * schema admits (a path-traversal text in a free-text field, a number Jackson coerces to a string)
 * are sent too, but only a server error or a non-problem answer is wrong for them.
 *
 * <p>The rules mirror what the services declare: Bean Validation constraints as SmallRye OpenAPI
 * shows them ({@code maxLength}, {@code pattern}: {@code \S} for NotBlank, a full match otherwise,
 * {@code minimum}/{@code maximum}, {@code min/maxItems}), Jackson's parsing (enums by name, UUIDs and
 * ISO dates strictly, scalars coerced to strings, unknown properties refused, nesting limited to
 * 1 000 levels) — and where a rule is uncertain, the value is not counted as one that must be refused.
 */
final class HostileValues {

    /** One value: a label for the report, the JSON text sent (null: the field left out), and whether it must be refused. */
    record Hostile(String label, String json, boolean mustReject) {
    }

    /**
     * One value of a path or query parameter, as it goes on the wire; {@code elsewhere} when, in a path,
     * it makes another path once dot segments, empty segments and matrix parameters are resolved
     * ({@code /api/cases/.} is {@code /api/cases/}): a request the caller may well be entitled to.
     */
    record Wire(String label, String wire, boolean raw, boolean elsewhere) {
    }

    static final int ONE_MIB = 1024 * 1024;
    static final String HUGE = "A".repeat(ONE_MIB + 64);
    static final String DEEP_ARRAY = "[".repeat(10_000) + "]".repeat(10_000);
    static final String DEEP_OBJECT = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);

    /** Texts a hostile client tries everywhere. */
    static final List<String[]> TEXTS = List.of(
            new String[] { "empty", "" },
            new String[] { "blank", "   " },
            new String[] { "traversal", "../../etc/passwd" },
            new String[] { "traversal-encoded", "..%2F..%2Fetc%2Fpasswd" },
            new String[] { "traversal-dot-encoded", "%2e%2e%2f%2e%2e%2fetc%2fpasswd" },
            new String[] { "traversal-windows", "..\\..\\windows\\win.ini" },
            new String[] { "sql", "' OR '1'='1' --" },
            new String[] { "html", "<script>alert(1)</script>" },
            new String[] { "template", "{#include /etc/passwd}{/include}{inject:vertx}" },
            new String[] { "jndi", "${jndi:ldap://127.0.0.1:1/a}" },
            new String[] { "nul", "a\u0000b" },
            new String[] { "crlf", "a\r\nX-Injected: 1" },
            new String[] { "lone-surrogate", "a\uD800b" },
            new String[] { "unicode", "\u00C9\u03A9\u202E\uD83D\uDE00\u0301" },
            new String[] { "unknown-enum", "NOT_A_KNOWN_VALUE" },
            new String[] { "date-zero", "0000-00-00" },
            new String[] { "date-year-99999", "99999-12-31" },
            new String[] { "date-feb-30", "2026-02-30" },
            new String[] { "date-max", "+999999999-12-31" },
            new String[] { "date-min", "-999999999-01-01" },
            new String[] { "instant-zero", "0000-00-00T00:00:00Z" },
            new String[] { "instant-year-99999", "+99999-12-31T23:59:59Z" },
            new String[] { "instant-max", "+1000000000-12-31T23:59:59Z" },
            new String[] { "uuid-nil", "00000000-0000-0000-0000-000000000000" },
            new String[] { "uuid-garbage", "6f1c2b1e-1d2a-4c1b-9e55-2b8f0f7c9a10x" },
            new String[] { "negative", "-1" },
            new String[] { "huge-number", "99999999999999999999999999999" },
            new String[] { "exponent", "1e309" },
            new String[] { "long-10000", "x".repeat(10_000) });

    private HostileValues() {
    }

    // ------------------------------------------------------------------ JSON body fields

    /** Values for one field of a JSON body, each judged against the field's schema. */
    static List<Hostile> forField(OpenApiModel model, JsonNode schema, boolean required) {
        JsonNode s = model.resolve(schema);
        String type = model.type(schema);
        boolean free = model.isFreeForm(schema);
        List<Hostile> out = new ArrayList<>();
        out.add(new Hostile("missing", null, required));
        out.add(new Hostile("null", "null", required));
        out.add(new Hostile("object", "{}", !free && !type.equals("object")));
        // Jackson's date readers take an empty array for null
        out.add(new Hostile("array", "[]", !free && (isDate(s) ? required : !type.equals("array") || s.path("minItems").asInt(0) > 0)));
        out.add(new Hostile("deep-nesting-10000", DEEP_ARRAY, true));
        out.add(new Hostile("boolean", "true", !free && !List.of("string", "boolean", "integer", "number").contains(type)
                || isStrictString(s)));
        for (String number : List.of("-1", "2147483648", "9223372036854775808", "1e309", "1.5")) {
            out.add(new Hostile("number " + number, number, !free && numberRejected(model, schema, number)));
        }
        for (String[] text : TEXTS) {
            out.add(new Hostile(text[0], json(text[1]), !free && textRejected(model, schema, text[1], required)));
        }
        out.add(new Hostile("huge-string-1MiB", json(HUGE), !free && textRejected(model, schema, HUGE, required)));
        if (s.has("maxLength")) {
            String tooLong = "x".repeat(s.get("maxLength").asInt() + 1);
            out.add(new Hostile("maxLength+1", json(tooLong), !free && textRejected(model, schema, tooLong, required)));
        }
        if (type.equals("array")) {
            JsonNode items = s.path("items");
            if (s.has("maxItems")) {
                int n = s.get("maxItems").asInt() + 1;
                String item = OpenApiModel.JSON.valueToTree(model.valid(null, items, new java.util.Random(n), 1)).toString();
                out.add(new Hostile("maxItems+1", "[" + String.join(",", java.util.Collections.nCopies(n, item)) + "]", true));
            }
            if (!model.isFreeForm(items)) {
                out.add(new Hostile("item unknown-enum", "[" + json("NOT_A_KNOWN_VALUE") + "]",
                        textRejected(model, items, "NOT_A_KNOWN_VALUE", true)));
                out.add(new Hostile("item deep-nesting", "[" + DEEP_OBJECT + "]", true));
            }
        }
        return out;
    }

    private static boolean isDate(JsonNode s) {
        String format = s.path("format").asText("");
        return format.equals("date") || format.equals("date-time");
    }

    /** Strings only: an enum, a UUID or a date refuses a boolean. */
    private static boolean isStrictString(JsonNode s) {
        String format = s.path("format").asText("");
        return s.has("enum") || format.equals("uuid") || format.equals("date") || format.equals("date-time");
    }

    private static boolean numberRejected(OpenApiModel model, JsonNode schema, String number) {
        JsonNode s = model.resolve(schema);
        String type = model.type(schema);
        switch (type) {
            case "integer": {
                if (number.contains("e")) {
                    return true;
                }
                if (number.contains(".")) {
                    return false; // Jackson truncates floats to ints by default
                }
                java.math.BigInteger v = new java.math.BigInteger(number);
                boolean int32 = !"int64".equals(s.path("format").asText());
                java.math.BigInteger min = big(int32 ? Integer.MIN_VALUE : Long.MIN_VALUE);
                java.math.BigInteger max = big(int32 ? Integer.MAX_VALUE : Long.MAX_VALUE);
                if (s.has("minimum")) {
                    min = min.max(big(s.get("minimum").asLong()));
                }
                if (s.has("maximum")) {
                    max = max.min(big(s.get("maximum").asLong()));
                }
                return v.compareTo(min) < 0 || v.compareTo(max) > 0;
            }
            case "number":
                return number.equals("1e309");
            case "boolean":
                return false; // Jackson may coerce 0 and 1; other numbers are not counted on
            case "string": {
                String format = s.path("format").asText("");
                if (format.equals("uuid")) {
                    return true;
                }
                if (s.has("enum") || format.equals("date") || format.equals("date-time")) {
                    return false; // enum by index, epoch days or seconds: Jackson may take a number here
                }
                // a number becomes its text: the string's own rules then apply
                return stringConstraintsRejected(s, number);
            }
            default:
                return true;
        }
    }

    private static java.math.BigInteger big(long v) {
        return java.math.BigInteger.valueOf(v);
    }

    /** Whether a text sent for this schema must be refused. */
    static boolean textRejected(OpenApiModel model, JsonNode schema, String text, boolean required) {
        if (model.isFreeForm(schema)) {
            return false;
        }
        JsonNode s = model.resolve(schema);
        switch (model.type(schema)) {
            case "string": {
                String format = s.path("format").asText("");
                if (text.isBlank() && (s.has("enum") || !format.isEmpty())) {
                    return required; // Jackson may read a blank text as null for these
                }
                if (s.has("enum")) {
                    // a case-insensitive or trimming reader is not ruled out: only texts unlike every value count
                    for (JsonNode allowed : s.get("enum")) {
                        if (allowed.asText().equalsIgnoreCase(text.trim())) {
                            return false;
                        }
                    }
                    return true;
                }
                switch (format) {
                    case "uuid":
                        return !isUuid(text);
                    case "date":
                    case "date-time":
                        if (text.trim().matches("-?[0-9]+(\\.[0-9]+)?")) {
                            return false; // Jackson reads a number in a text as epoch days or seconds
                        }
                        return format.equals("date") ? !parses(() -> LocalDate.parse(text)) : !parses(() -> Instant.parse(text));
                    default:
                        return stringConstraintsRejected(s, text);
                }
            }
            case "integer":
            case "number":
                if (text.isBlank()) {
                    return false; // Jackson may read a blank text as null or 0
                }
                if (text.trim().matches("-?[0-9]+(\\.[0-9]+)?([eE][0-9]+)?")) {
                    return numberRejected(model, schema, text.trim());
                }
                return true;
            case "boolean":
                return !text.isBlank() && !List.of("true", "false").contains(text);
            case "array":
            case "object":
                return !text.isEmpty();
            default:
                return false;
        }
    }

    private static boolean stringConstraintsRejected(JsonNode s, String text) {
        int length = text.codePointCount(0, text.length());
        if (s.has("maxLength") && length > s.get("maxLength").asInt()) {
            return true;
        }
        if (s.has("minLength") && length < s.get("minLength").asInt()) {
            return true;
        }
        String pattern = s.path("pattern").asText("");
        if (pattern.isEmpty()) {
            return false;
        }
        if (pattern.equals("\\S")) {
            return text.isBlank();
        }
        return !Pattern.compile(pattern).matcher(text).matches();
    }

    private static boolean isUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static String json(String text) {
        return TextNode.valueOf(text).toString();
    }

    // ------------------------------------------------------------------ path and query parameters

    /** Values of a path or query parameter: the texts, percent-encoded, then some sent raw. */
    static List<Wire> forParameter(boolean path) {
        List<Wire> out = new ArrayList<>();
        for (String[] text : TEXTS) {
            out.add(new Wire(text[0], encode(text[1]), false, text[1].isEmpty()));
        }
        out.add(new Wire("huge-1MiB", encode(HUGE), false, false));
        // as a hostile client writes them, not encoded: dot segments, escapes of '/', '.', '\' and NUL,
        // malformed and overlong escapes, invalid UTF-8, matrix parameters
        for (String raw : List.of("../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%2e%2e/%2e%2e/",
                "..%5c..%5cwindows", "%00", "a%00b", "%zz", "%", "%c0%ae%c0%ae%c0%af", "%ff%fe", ";jsessionid=x", "a/b/c", ".", "..",
                "%20", "*")) {
            boolean elsewhere = List.of("../../etc/passwd", "%2e%2e/%2e%2e/", ";jsessionid=x", "a/b/c", ".", "..").contains(raw);
            out.add(new Wire("raw " + raw, path ? raw : raw.replace("/", "%2F"), true, elsewhere));
        }
        return out;
    }

    /** Percent-encodes every byte but the unreserved characters of RFC 3986. */
    static String encode(String text) {
        StringBuilder sb = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ file names of uploads

    /** File names for {@code Content-Disposition} of an upload, as header text (ISO-8859-1 bytes). */
    static List<String[]> fileNames() {
        return List.of(
                new String[] { "filename traversal", "attachment; filename=\"../../etc/passwd\"" },
                new String[] { "filename traversal-encoded", "attachment; filename=\"..%2F..%2Fetc%2Fpasswd\"" },
                new String[] { "filename traversal-dot-encoded", "attachment; filename=\"%2e%2e%2f%2e%2e%2fetc%2fpasswd.pdf\"" },
                new String[] { "filename ext traversal", "attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd" },
                new String[] { "filename windows", "attachment; filename=\"..\\\\..\\\\windows\\\\win.ini\"" },
                new String[] { "filename absolute", "attachment; filename=\"/etc/passwd\"" },
                new String[] { "filename nul", "attachment; filename=\"a.pdf%00.exe\"" },
                new String[] { "filename empty", "attachment; filename=\"\"" },
                new String[] { "filename long", "attachment; filename=\"" + "x".repeat(3000) + ".pdf\"" },
                new String[] { "filename html", "attachment; filename=\"<script>alert(1)</script>.pdf\"" },
                new String[] { "filename latin1", "attachment; filename=\"r\u00e9sum\u00e9.pdf\"" },
                new String[] { "filename unquoted", "attachment; filename=../../etc/passwd" },
                new String[] { "inline", "inline" },
                new String[] { "garbage", ";;;=\"" });
    }

    /** The smallest well-formed PDF: a document a service accepts when the case exists. */
    static final byte[] PDF = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);
}

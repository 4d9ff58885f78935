package org.anaiss.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The access policy of the API, declared once as data (src/test/resources/access-policy.csv), written from
 * docs/DESIGN.md §4 and not from the code: each operation, the roles that may call it, and the scope that
 * bounds what such a caller sees. The authorization matrix takes its expected answers from here, and the
 * services' annotations (through the OpenAPI documents generated from them) are checked against it.
 */
final class AccessPolicy {

    /** Every role of the realm that the API knows (docs/DESIGN.md §4). */
    static final Set<String> ROLES = Set.of("social-worker", "team-lead", "outreach-officer", "statistician", "dpo", "admin",
            "signal-sender");
    /** What bounds the data a caller with the role sees (docs/DESIGN.md §4), one word per row. */
    static final Set<String> SCOPES = Set.of("team", "region", "all-regions", "own-partner", "link-token", "anonymous");

    record Rule(String service, String method, String path, Set<String> roles, boolean isPublic, String scope) {

        String key() {
            return method + " " + path;
        }
    }

    private static final Map<String, Rule> RULES = load();

    private AccessPolicy() {
    }

    /** Every rule, by "METHOD path". */
    static Map<String, Rule> rules() {
        return RULES;
    }

    /** The rule of an operation; an operation the policy does not name is a failure, never "allowed". */
    static Rule of(String key) {
        Rule rule = RULES.get(key);
        if (rule == null) {
            throw new AssertionError(key + " is not in access-policy.csv: declare who may call it (docs/DESIGN.md §4)");
        }
        return rule;
    }

    private static Map<String, Rule> load() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        try (InputStream in = AccessPolicy.class.getResourceAsStream("/access-policy.csv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 5) {
                    throw new IllegalStateException("access-policy.csv: 5 fields expected: " + line);
                }
                boolean isPublic = f[3].trim().equals("(public)");
                Set<String> roles = isPublic ? Set.of() : new TreeSet<>(Arrays.asList(f[3].trim().split("\\s+")));
                Rule rule = new Rule(f[0].trim(), f[1].trim(), f[2].trim(), Set.copyOf(roles), isPublic, f[4].trim());
                if (rules.put(rule.key(), rule) != null) {
                    throw new IllegalStateException("access-policy.csv: " + rule.key() + " twice");
                }
            }
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read access-policy.csv", e);
        }
        return rules;
    }
}

package org.anaiss.system;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The callers of the demo realm (deploy/keycloak/anaiss-realm.json, demo-only secrets): the staff,
 * by the password grant of the test client, and the partner systems, by client credentials. Their
 * roles are read from their tokens, so the tests follow the realm rather than a copy of it.
 */
final class Identities {

    /** The demo users and the realm roles the realm gives them (checked against their tokens). */
    static final Map<String, Set<String>> USERS = users();
    /** Partner systems (client credentials) and their demo-only secrets. */
    static final Map<String, String> PARTNERS = Map.of(
            Tokens.PARTNER_CPAM, Tokens.PARTNER_CPAM_SECRET,
            "partner-chu-rennes", "demo-partner-secret-chu");
    /** The roles the API knows; a token's others (default-roles-anaiss, offline_access...) grant nothing here. */
    static final Set<String> API_ROLES = Set.of("social-worker", "team-lead", "outreach-officer", "statistician", "dpo",
            "admin", "signal-sender");

    private Identities() {
    }

    private static Map<String, Set<String>> users() {
        Map<String, Set<String>> users = new LinkedHashMap<>();
        users.put("alice", Set.of("social-worker"));
        users.put("bruno", Set.of("social-worker"));
        users.put("chloe", Set.of("social-worker", "team-lead"));
        users.put("david", Set.of("social-worker"));
        users.put("emma", Set.of("social-worker"));
        users.put("fanny", Set.of("social-worker", "team-lead"));
        users.put("gilles", Set.of("outreach-officer"));
        users.put("helene", Set.of("outreach-officer"));
        users.put("ines", Set.of("statistician"));
        users.put("jules", Set.of("dpo"));
        users.put("karim", Set.of("admin"));
        return users;
    }

    /** A valid access token of a demo user or partner system. */
    static String token(String identity) {
        String secret = PARTNERS.get(identity);
        return secret != null ? Tokens.client(identity, secret) : Tokens.user(identity);
    }

    /** The API roles a token carries (realm_access.roles), decoded without verification: it is our own. */
    static Set<String> roles(String token) {
        JsonNode claims = claims(token);
        Set<String> roles = new TreeSet<>();
        claims.path("realm_access").path("roles").forEach(r -> {
            if (API_ROLES.contains(r.asText())) {
                roles.add(r.asText());
            }
        });
        return roles;
    }

    static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        try {
            return OpenApiModel.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not a JWT", e);
        }
    }

    /** Every identity with a token: the users, then the partner systems. */
    static List<String> all() {
        List<String> all = new ArrayList<>(USERS.keySet());
        all.addAll(new TreeSet<>(PARTNERS.keySet()));
        return all;
    }
}

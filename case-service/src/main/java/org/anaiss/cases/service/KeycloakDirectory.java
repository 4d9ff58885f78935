package org.anaiss.cases.service;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.config.CaseConfig;
import org.anaiss.cases.domain.Region;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * Reads the social workers of the realm from Keycloak's admin API, with the client credentials of a
 * service account that may only view users: each enabled user with a region and a team and the role
 * social-worker (or team-lead). Names and team membership only; Keycloak's sign-in times are never read.
 */
@ApplicationScoped
public class KeycloakDirectory {

    /** A member as Keycloak describes them. */
    public record Member(String username, String displayName, Region region, String team, boolean teamLead) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final CaseConfig.Directory config;
    private final String base;
    private final String realm;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public KeycloakDirectory(CaseConfig config, @ConfigProperty(name = "quarkus.oidc.auth-server-url") String authServerUrl,
            ObjectMapper json) {
        this.config = config.directory();
        int at = authServerUrl.indexOf("/realms/");
        this.base = authServerUrl.substring(0, at);
        this.realm = authServerUrl.substring(at + "/realms/".length()).replaceAll("/+$", "");
        this.json = json;
    }

    public boolean enabled() {
        return config.clientSecret().filter(s -> !s.isBlank()).isPresent();
    }

    /** Every member of every team (throws when Keycloak cannot be read: the directory then stays as it was). */
    public Uni<List<Member>> members() {
        return token().chain(token -> page(token, 0, new ArrayList<>()));
    }

    private Uni<String> token() {
        String form = "grant_type=client_credentials&client_id=" + enc(config.clientId()) + "&client_secret="
                + enc(config.clientSecret().orElseThrow());
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token"))
                .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return send(request).map(body -> body.path("access_token").asText());
    }

    private Uni<List<Member>> page(String token, int first, List<Member> found) {
        int size = config.pageSize();
        return send(get(token, "/users?briefRepresentation=false&enabled=true&first=" + first + "&max=" + size)).chain(users -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (JsonNode user : users) {
                Optional<Region> region = Optional.ofNullable(attribute(user, "region")).flatMap(KeycloakDirectory::region);
                String team = attribute(user, "team");
                if (region.isEmpty() || team == null || !user.path("enabled").asBoolean(true)) {
                    continue;
                }
                chain = chain.chain(() -> send(get(token, "/users/" + enc(user.path("id").asText()) + "/role-mappings/realm/composite"))
                        .invoke(roles -> {
                            boolean worker = false;
                            boolean lead = false;
                            for (JsonNode role : roles) {
                                worker |= Caller.SOCIAL_WORKER.equals(role.path("name").asText());
                                lead |= Caller.TEAM_LEAD.equals(role.path("name").asText());
                            }
                            if (worker || lead) {
                                found.add(new Member(user.path("username").asText(), displayName(user), region.get(), team, lead));
                            }
                        }).replaceWithVoid());
            }
            return chain.chain(() -> users.size() < size ? Uni.createFrom().item(found) : page(token, first + size, found));
        });
    }

    private HttpRequest get(String token, String path) {
        return HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + realm + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
    }

    private Uni<JsonNode> send(HttpRequest request) {
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        // the status only: a body of the admin API may name users
                        throw new IllegalStateException("Keycloak answered " + response.statusCode() + " to the directory");
                    }
                    try {
                        return json.readTree(response.body());
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("unreadable answer of Keycloak to the directory");
                    }
                });
    }

    private static String attribute(JsonNode user, String name) {
        JsonNode values = user.path("attributes").path(name);
        return values.isArray() && !values.isEmpty() && !values.get(0).asText().isBlank() ? values.get(0).asText() : null;
    }

    private static Optional<Region> region(String value) {
        try {
            return Optional.of(Region.valueOf(value));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    private static String displayName(JsonNode user) {
        String name = (user.path("firstName").asText("") + " " + user.path("lastName").asText("")).trim();
        return name.isEmpty() ? user.path("username").asText() : name;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

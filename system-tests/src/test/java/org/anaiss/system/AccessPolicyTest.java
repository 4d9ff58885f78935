package org.anaiss.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.anaiss.system.AccessPolicy.Rule;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The access policy (access-policy.csv) against the design's rules, and the services' annotations against the
 * policy: each service's build writes the OpenAPI document generated from its {@code @RolesAllowed} and
 * {@code @PermitAll} (target/openapi/openapi.json); every operation there must be in the policy with exactly its
 * roles, and every row of the policy must be an operation. No server needed; the live services are called cell by
 * cell in AuthorizationMatrixIT.
 */
class AccessPolicyTest {

    private static final Path ROOT = Path.of(System.getProperty("anaiss.root", "..")).toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("case-service", "outreach-service", "stats-service");
    private static final List<String> PUBLIC_PREFIXES = List.of("/api/outreach/answers/", "/api/outreach/registrations/");

    private static List<Rule> rules() {
        return List.copyOf(AccessPolicy.rules().values());
    }

    @Test
    void everyRowNamesKnownRolesAndAScope() {
        assertThat(rules()).hasSizeGreaterThan(60);
        for (Rule r : rules()) {
            assertThat(r.service()).as(r.key()).isIn(SERVICES);
            assertThat(AccessPolicy.ROLES).as(r.key()).containsAll(r.roles());
            assertThat(r.isPublic() || !r.roles().isEmpty()).as(r.key()).isTrue();
            assertThat(r.scope()).as(r.key()).isIn(AccessPolicy.SCOPES);
        }
    }

    /** docs/DESIGN.md §4: statisticians and partner systems see no case at all. */
    @Test
    void noStatisticianNorPartnerSystemReachesACaseFile() {
        rules().stream().filter(r -> r.path().startsWith("/api/cases"))
                .forEach(r -> assertThat(r.roles()).as(r.key()).doesNotContain("statistician", "signal-sender"));
    }

    /** Partner systems signal people, nothing else; and only they use the partners' API. */
    @Test
    void partnerSystemsUseThePartnerApiOnlyAndOnlyThey() {
        for (Rule r : rules()) {
            boolean partnerApi = r.path().startsWith("/api/partners/");
            assertThat(r.roles().contains("signal-sender")).as(r.key()).isEqualTo(partnerApi);
            if (partnerApi) {
                assertThat(r.roles()).as(r.key()).containsExactly("signal-sender");
                assertThat(r.scope()).as(r.key()).isEqualTo("own-partner");
            }
        }
    }

    /** The anonymous statistics are read by statisticians (and administered by admins), by nobody who holds cases. */
    @Test
    void statisticsAreForStatisticiansAndAdminsOnly() {
        rules().stream().filter(r -> r.path().startsWith("/api/stats/")).forEach(r -> {
            assertThat(Set.of("statistician", "admin")).as(r.key()).containsAll(r.roles());
            assertThat(r.scope()).as(r.key()).isEqualTo("anonymous");
        });
        rules().stream().filter(r -> r.roles().contains("statistician"))
                .forEach(r -> assertThat(r.path()).as(r.key()).startsWith("/api/stats/"));
    }

    /** The audit trail is read by the DPO; case files by the team; assignment by the team lead. */
    @Test
    void auditReadingIsTheDposAssignmentTheTeamLeads() {
        for (Rule r : rules()) {
            if (r.path().startsWith("/api/cases/audit")) {
                assertThat(r.roles()).as(r.key()).containsExactly("dpo");
            }
            if (r.path().startsWith("/api/cases/dpo/")) {
                assertThat(r.roles()).as(r.key()).contains("dpo").doesNotContain("social-worker", "team-lead", "outreach-officer");
            }
            if (r.path().endsWith("/assignment") || r.path().equals("/api/cases/team/members")) {
                assertThat(r.roles()).as(r.key()).containsExactly("team-lead");
            }
            if (r.path().startsWith("/api/cases/{caseId}")) {
                assertThat(r.roles()).as(r.key()).isSubsetOf("social-worker", "team-lead");
                assertThat(r.scope()).as(r.key()).isEqualTo("team");
            }
            if (r.roles().contains("social-worker") || r.roles().contains("team-lead")) {
                assertThat(r.path()).as(r.key()).doesNotStartWith("/api/cases/admin").doesNotStartWith("/api/cases/dpo");
            }
        }
    }

    /** Only the links of letters and mails need no token, and they are the gateway's public prefixes. */
    @Test
    void onlyTheLinksOfLettersAndMailsArePublic() {
        for (Rule r : rules()) {
            boolean underPublicPrefix = PUBLIC_PREFIXES.stream().anyMatch(r.path()::startsWith);
            assertThat(r.isPublic()).as(r.key()).isEqualTo(underPublicPrefix);
            assertThat(r.scope().equals("link-token")).as(r.key()).isEqualTo(r.isPublic());
        }
    }

    /** The roles of every operation, as the build generated them from the annotations, are the policy's. */
    @Test
    void theAnnotationsOfEveryServiceAreThePolicy() throws IOException {
        Map<String, String> mismatches = new TreeMap<>();
        Set<String> documented = new TreeSet<>();
        for (String service : SERVICES) {
            Path file = ROOT.resolve(service).resolve("target/openapi/openapi.json");
            assertThat(file).as("the OpenAPI document " + service + "'s build writes (build it first: -am)").isRegularFile();
            JsonNode doc = new ObjectMapper().readTree(file.toFile());
            doc.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
                if (!Set.of("get", "put", "post", "delete", "patch").contains(op.getKey())) {
                    return;
                }
                String key = op.getKey().toUpperCase() + " " + path.getKey();
                documented.add(key);
                Set<String> roles = new TreeSet<>();
                op.getValue().path("security").forEach(req -> req.properties().forEach(s -> s.getValue().forEach(v -> roles.add(v.asText()))));
                boolean isPublic = op.getValue().path("security").isEmpty();
                Rule rule = AccessPolicy.rules().get(key);
                if (rule == null) {
                    mismatches.put(key, "not in the policy (" + service + " declares " + (isPublic ? "(public)" : roles) + ")");
                } else if (!rule.service().equals(service) || rule.isPublic() != isPublic || !new TreeSet<>(rule.roles()).equals(roles)) {
                    mismatches.put(key, service + " declares " + (isPublic ? "(public)" : roles) + ", the policy says "
                            + (rule.isPublic() ? "(public)" : new TreeSet<>(rule.roles())) + " in " + rule.service());
                }
            }));
        }
        List<String> missing = new ArrayList<>(AccessPolicy.rules().keySet());
        missing.removeAll(documented);
        assertThat(missing).as("rows of the policy that no service serves").isEmpty();
        assertThat(mismatches).isEmpty();
    }
}

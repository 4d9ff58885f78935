package org.anaiss.platform.architecture;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The metrics contract of a service with deploy/k8s, checked by each service's own {@code @QuarkusTest} against the
 * application under test: every series the alerts and the dashboard read from it
 * (deploy/k8s/src/test/resources/service-metrics.txt, lines "service series") is on /q/metrics with a help text,
 * and no series carries a label that could name a person or a staff member.
 */
public final class ExposedMetrics {

    private static final Path CONTRACT = Path.of("..", "deploy", "k8s", "src", "test", "resources", "service-metrics.txt");

    private ExposedMetrics() {
    }

    /** Asserts the contract for this service; writes the names it exposes to target/metric-names.txt. */
    public static void assertExposed(String service) throws IOException {
        given().get("/api/metrics-probe"); // one request: the HTTP server series exist from then on
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> names = new TreeSet<>();
        text.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .forEach(l -> names.add(l.substring(0, l.indexOf('{') > 0 ? l.indexOf('{') : l.indexOf(' '))));
        Files.writeString(Path.of("target", "metric-names.txt"), String.join("\n", names) + "\n");
        List<String> expected = Files.readAllLines(CONTRACT).stream().filter(l -> l.startsWith(service + " "))
                .map(l -> l.substring(service.length() + 1).trim()).toList();
        assertThat(expected).as("series of " + service + " in " + CONTRACT).isNotEmpty();
        assertThat(names).containsAll(expected);
        for (String name : expected) {
            String family = name.replaceAll("_(total|count|bucket|sum)$", "");
            assertThat(text).as("help text of " + name).containsPattern("(?m)^# HELP " + family + "(_total)? \\S");
        }
        // labels: bounded names only, never a person, a staff member, a case or a path with an id
        assertThat(text).doesNotContainPattern("(?i)(staff|user|person|nir|caseId|case_id|subject)=\"");
    }
}

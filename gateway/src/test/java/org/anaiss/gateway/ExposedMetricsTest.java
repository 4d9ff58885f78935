package org.anaiss.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every series deploy/k8s's alerts and dashboard read from this service (deploy/k8s/src/test/resources/
 * service-metrics.txt) is on /q/metrics, with a help text; and no series carries a label that could name a person
 * or a staff member.
 */
@QuarkusTest
class ExposedMetricsTest {

    static final String SERVICE = "gateway";

    @Test
    void theSeriesTheAlertsReadAreExposedWithAHelpText() throws IOException {
        given().get("/api/metrics-probe"); // one request: the HTTP server series exist from then on
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> names = new TreeSet<>();
        text.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .forEach(l -> names.add(l.substring(0, l.indexOf('{') > 0 ? l.indexOf('{') : l.indexOf(' '))));
        Files.writeString(Path.of("target", "metric-names.txt"), String.join("\n", names) + "\n");
        List<String> expected = Files.readAllLines(Path.of("..", "deploy", "k8s", "src", "test", "resources", "service-metrics.txt"))
                .stream().filter(l -> l.startsWith(SERVICE + " ")).map(l -> l.substring(SERVICE.length() + 1).trim()).toList();
        assertThat(expected).isNotEmpty();
        assertThat(names).containsAll(expected);
        for (String name : expected) {
            String family = name.replaceAll("_(total|count|bucket|sum)$", "");
            assertThat(text).as("help text of " + name).containsPattern("(?m)^# HELP " + family + "(_total)? \\S");
        }
        // labels: bounded names only, never a person, a staff member, a case or a path with an id
        assertThat(text).doesNotContainPattern("(?i)(staff|user|person|nir|caseId|case_id|subject)=\"");
    }
}

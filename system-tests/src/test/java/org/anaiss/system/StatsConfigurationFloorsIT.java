package org.anaiss.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A configuration weaker than the floors, or one that would change figures already released, stops
 * the service at startup with a message saying why: the packaged services, started as in production
 * against the suite's databases, each on a port of its own.
 */
class StatsConfigurationFloorsIT {

    static final String OTHER_SECRET = "dev1:0001-01-01:0.5:aXQtb25seS1vdGhlci1zZWNyZXQtMzItYnl0ZXMtMDAwMg==";
    static final String EARLY_KEY = "it-early:2000-01-01:0.5:aXQtb25seS1yb3RhdGlvbi1rZXktMzItYnl0ZXMtMDAwMQ==";

    @BeforeAll
    static void somethingReleased() {
        Suite.get();
        // the suite's case-service releases the periods of its catch-up window as it starts
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            try (Connection c = Db.superuser("stats"); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) from snapshot")) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        });
    }

    /** Starts the service with these settings on a free port; returns its output once it has exited (it must). */
    private static String refusedStart(Suite.Service service, Map<String, String> settings) throws Exception {
        Path log = Files.createTempFile("anaiss-refused-" + service.module, ".log");
        ProcessBuilder pb = new ProcessBuilder("java", "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-jar",
                Suite.get().jar(service).toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(Suite.get().environment());
        int port = freePort();
        for (String name : new String[] { "ANAISS_CASE_PORT", "ANAISS_OUTREACH_PORT", "ANAISS_STATS_PORT" }) {
            pb.environment().put(name, String.valueOf(port));
        }
        pb.environment().putAll(settings);
        Process p = pb.start();
        try {
            assertThat(p.waitFor(150, TimeUnit.SECONDS)).as(service.module + " stopped by itself").isTrue();
        } finally {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(p.exitValue()).as(service.module + " exited with an error:\n" + output).isNotZero();
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aThresholdBelowElevenStopsStatsService() throws Exception {
        assertThat(refusedStart(Suite.Service.STATS, Map.of("ANAISS_STATS_THRESHOLD", "10")))
                .contains("the threshold k must be 11 or more (it may only be raised)");
    }

    @Test
    void aNoiseKeyThatWouldReNoiseReleasedPeriodsOrAKeyIdGivenAnotherSecretStopsStatsService() throws Exception {
        String output = refusedStart(Suite.Service.STATS, Map.of("ANAISS_STATS_NOISE_KEYS", OTHER_SECRET + "," + EARLY_KEY));
        assertThat(output).contains("stats-service refuses to start: this configuration would change figures already released")
                .contains("Noise key dev1 was registered").contains("another secret")
                .contains("would now be protected by key it-early activated on 2000-01-01")
                .doesNotContain("aXQtb25seS1vdGhlci1zZWNyZXQ");
    }

    @Test
    void staffFloorsBelowTheRuleStopCaseServiceAndOutreachService() throws Exception {
        assertThat(refusedStart(Suite.Service.CASES, Map.of("ANAISS_CASES_STATS_MIN_TEAMS", "2",
                "ANAISS_CASES_STATS_MIN_SOCIAL_WORKERS", "9")))
                .contains("anaiss.cases.stats.min-teams must be 3 or more")
                .contains("anaiss.cases.stats.min-social-workers must be 10 or more");
        assertThat(refusedStart(Suite.Service.OUTREACH, Map.of("ANAISS_OUTREACH_STATS_MIN_OFFICERS", "2")))
                .contains("anaiss.outreach.stats.min-officers must be 3 or more");
    }
}

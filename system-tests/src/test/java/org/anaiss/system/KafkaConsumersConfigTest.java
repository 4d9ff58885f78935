package org.anaiss.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * Every service's Kafka consumers, as configured: a consumer retries an event while its database is away, for as
 * long as the outage lasts, so nothing may stop its channel meanwhile. The throttled commit strategy's age check
 * (60 s by default) did: after one record had waited a minute (a backlog after a broker outage, a slow database),
 * the channel stopped for good, silently, until the service restarted (FaultToleranceIT and
 * ErasureReachesOutreachIT in CI). No server needed.
 */
class KafkaConsumersConfigTest {

    private static final Path ROOT = Path.of(System.getProperty("anaiss.root", "..")).toAbsolutePath().normalize();
    private static final String AGE = "throttled.unprocessed-record-max-age.ms";

    @Test
    void noConsumerChannelIsStoppedByTheUnacknowledgedRecordAgeCheck() throws IOException {
        Set<String> channels = new TreeSet<>();
        for (String service : List.of("case-service", "outreach-service", "stats-service")) {
            Properties p = properties(service);
            for (String key : p.stringPropertyNames()) {
                if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".connector")
                        && "smallrye-kafka".equals(p.getProperty(key))) {
                    String channel = key.substring("mp.messaging.incoming.".length(), key.length() - ".connector".length());
                    channels.add(service + "/" + channel);
                    String own = p.getProperty("mp.messaging.incoming." + channel + "." + AGE);
                    String effective = own != null ? own : p.getProperty("mp.messaging.connector.smallrye-kafka." + AGE);
                    assertThat(effective).as(service + " channel " + channel + ": " + AGE).isEqualTo("0");
                    assertThat(p.getProperty("mp.messaging.incoming." + channel + ".commit-strategy", "throttled"))
                            .as(service + " channel " + channel + ": commit strategy").isEqualTo("throttled");
                }
            }
            // no profile brings the check back
            for (String key : p.stringPropertyNames()) {
                if (key.endsWith(AGE)) {
                    assertThat(p.getProperty(key)).as(service + ": " + key).isEqualTo("0");
                }
            }
        }
        assertThat(channels).contains("case-service/offer-accepted", "case-service/erasure-confirmations",
                "outreach-service/case-events", "outreach-service/person-erasures", "stats-service/stats-aggregates");
    }

    private static Properties properties(String service) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
            p.load(r);
        }
        return p;
    }
}

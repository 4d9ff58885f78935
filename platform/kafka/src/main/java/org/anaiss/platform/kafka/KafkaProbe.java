package org.anaiss.platform.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.health.api.HealthGroup;

/**
 * Whether the broker answers, as a health group of its own ({@code /q/health/group/kafka}) and a metric — never
 * as readiness: a service's outbox keeps every write while Kafka is away, and its tables are served from its
 * database, so a broker outage must not take the pod out of its Service (the Kafka channels' own health checks are
 * off in each service's application.properties).
 */
@ApplicationScoped
@Startup // its meters exist from the start, at 0
@HealthGroup("kafka")
public class KafkaProbe implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(KafkaProbe.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Map<String, Object> adminConfig = new HashMap<>();
    private final AtomicReference<State> state = new AtomicReference<>(new State(false, null, "not checked yet"));
    private AdminClient admin;

    record State(boolean up, Instant lastContact, String error) {
    }

    public KafkaProbe(@Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry registry) {
        // the connection and security settings of the application's own clients, nothing else
        kafka.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                adminConfig.put(k, v);
            }
        });
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "kafka-probe");
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        Gauge.builder("anaiss.kafka.broker.reachable", state, s -> s.get().up() ? 1 : 0)
                .description("1 when the Kafka broker answered the last probe, 0 otherwise (writes then wait in the outbox, if any)")
                .register(registry);
    }

    @Scheduled(every = "${anaiss.kafka.probe.interval:10s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class, identity = "kafka-probe")
    void probe() {
        try {
            if (admin == null) {
                admin = AdminClient.create(adminConfig);
            }
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis())).clusterId()
                    .get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            state.set(new State(true, Instant.now(), null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            State last = state.get();
            if (last.up()) {
                LOG.warnf("Kafka broker unreachable (%s): writes wait in the outbox", e.getClass().getSimpleName());
            }
            state.set(new State(false, last.lastContact(), e.getClass().getSimpleName()));
        }
    }

    public boolean up() {
        return state.get().up();
    }

    @Override
    public HealthCheckResponse call() {
        State s = state.get();
        var builder = HealthCheckResponse.named("Kafka broker").status(s.up());
        if (s.lastContact() != null) {
            builder.withData("last-contact", s.lastContact().toString());
        }
        if (s.error() != null) {
            builder.withData("error", s.error());
        }
        return builder.build();
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}

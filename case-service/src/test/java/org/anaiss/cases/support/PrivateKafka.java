package org.anaiss.cases.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A Kafka broker of this test's own (same binaries as deploy/local, from the cache), so a test can
 * stop and restart it without disturbing anyone else using the shared broker.
 */
public class PrivateKafka implements QuarkusTestResourceLifecycleManager {

    private static Path dataDir;
    private static Path config;
    private static int port;
    private static Process process;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("anaiss-private-kafka");
            port = freePort();
            int controller = freePort();
            String template = Files.readString(Path.of("../deploy/local/kafka/server.properties"));
            config = dataDir.resolve("server.properties");
            Files.writeString(config, template.replace("@DATA@", dataDir.resolve("log").toString())
                    .replace("@PORT@", String.valueOf(port)).replace("@CONTROLLER_PORT@", String.valueOf(controller)));
            UUID id = UUID.randomUUID();
            String clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array());
            Path formatLog = dataDir.resolve("format.log");
            // "--cluster-id=": an id may begin with '-' (base64url), which the tool would read as an option
            Process format = java("kafka.tools.StorageTool", "format", "--cluster-id=" + clusterId, "--config", config.toString())
                    .redirectErrorStream(true).redirectOutput(formatLog.toFile()).start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("cannot format the private Kafka log directory: " + Files.readString(formatLog));
            }
            startBroker();
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
            try (Admin admin = Admin.create(p)) {
                admin.createTopics(List.of("case-events", "offer-accepted", "offer-accepted-dlq", "stats-aggregates").stream()
                        .map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get(60, TimeUnit.SECONDS);
            }
            // a broker of its own, without authentication
            return Map.of("kafka.bootstrap.servers", bootstrap(), "kafka.security.protocol", "PLAINTEXT");
        } catch (Exception e) {
            throw new IllegalStateException("private Kafka broker did not start", e);
        }
    }

    @Override
    public void stop() {
        stopBroker();
    }

    public static String bootstrap() {
        return "localhost:" + port;
    }

    /** Stops the broker (SIGTERM, as an orchestrator would); its data stays. */
    public static void stopBroker() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Starts it again on the same port and data. */
    public static void startBroker() throws IOException, InterruptedException {
        Path log = Path.of("target/private-kafka.log");
        process = java("kafka.Kafka", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("private Kafka broker not listening after 90 s; see " + log.toAbsolutePath());
    }

    private static ProcessBuilder java(String main, String... args) {
        String cache = System.getenv().getOrDefault("ANAISS_CACHE", System.getProperty("user.home") + "/.cache/anaiss");
        Path libs = Path.of(cache, "kafka-4.1.2", "libs");
        if (!Files.isDirectory(libs)) {
            throw new IllegalStateException(libs + " is missing: deploy/local/infra.sh up kafka fetches it");
        }
        List<String> command = new java.util.ArrayList<>(List.of("java", "-Xmx256m", "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + Path.of("../deploy/local/kafka/log4j2.properties").toAbsolutePath(),
                "-cp", libs + "/*", main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

package org.anaiss.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The four services, started once per test JVM from their packaged jars (prod profile, JSON logs
 * in target/suite-logs), on ports of their own (18080-18083 by default, so a suite started with
 * deploy/local/run.sh can keep running), against the real PostgreSQL, Kafka and Keycloak that
 * deploy/local/infra.sh started. Stopped when the JVM exits.
 */
public final class Suite {

    public enum Service {
        CASES("case-service", 1), OUTREACH("outreach-service", 2), STATS("stats-service", 3), GATEWAY("gateway", 0);

        final String module;
        final int portOffset;

        Service(String module, int portOffset) {
            this.module = module;
            this.portOffset = portOffset;
        }
    }

    private static Suite instance;
    private final Path root;
    private final int basePort;
    private final Map<Service, Process> processes = new LinkedHashMap<>();
    private final Map<Service, Process> replicas = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Suite() {
        this.root = Path.of(System.getProperty("anaiss.root", "..")).toAbsolutePath().normalize();
        this.basePort = Integer.getInteger("anaiss.it.base-port", 18080);
    }

    /** The running suite; starts it on first use. */
    public static synchronized Suite get() {
        if (instance == null) {
            Suite suite = new Suite();
            Runtime.getRuntime().addShutdownHook(new Thread(suite::stopAll));
            suite.startAll();
            instance = suite;
        }
        return instance;
    }

    public String gatewayUrl() {
        return url(Service.GATEWAY);
    }

    public String url(Service service) {
        return "http://localhost:" + port(service);
    }

    public int port(Service service) {
        return basePort + service.portOffset;
    }

    public Path log(Service service) {
        return root.resolve("system-tests/target/suite-logs/" + service.module + ".log");
    }

    /**
     * The last distinct warnings and errors of a service's log (their messages only, which never hold personal data),
     * for a failure to say what the service saw: a CI run keeps only the test output.
     */
    public String recentWarnings(Service service, int max) {
        java.util.regex.Pattern message = java.util.regex.Pattern.compile("\"level\":\"(WARN|ERROR)\".*?\"message\":\"((?:[^\"\\\\]|\\\\.){0,300})");
        java.util.LinkedHashSet<String> seen = new java.util.LinkedHashSet<>();
        try (var lines = Files.lines(log(service))) {
            lines.forEach(line -> {
                java.util.regex.Matcher m = message.matcher(line);
                if (m.find()) {
                    String text = m.group(1) + " " + m.group(2).replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>").replaceAll("\\d+", "N");
                    seen.remove(text);
                    seen.add(text);
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return service.module + ": log unreadable (" + e.getClass().getSimpleName() + ")";
        }
        List<String> all = List.copyOf(seen);
        return service.module + ", last warnings:\n  " + String.join("\n  ", all.subList(Math.max(0, all.size() - max), all.size()));
    }

    /** Runs an await; on timeout, fails with what these services last warned of. */
    public void explainTimeout(Runnable await, Service... services) {
        try {
            await.run();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
            for (Service service : services) {
                why.append('\n').append(recentWarnings(service, 15));
            }
            throw new AssertionError(why.toString(), e);
        }
    }

    /** The port of a service's second instance ({@link #startReplica}): 10 above the first. */
    public int replicaPort(Service service) {
        return port(service) + 10;
    }

    public String replicaUrl(Service service) {
        return "http://localhost:" + replicaPort(service);
    }

    /**
     * Starts a second instance of a service (not the gateway) on {@link #replicaPort}, with the suite's
     * environment (the same database, broker and consumer groups as the first), and waits until it is ready.
     */
    public void startReplica(Service service) {
        if (service == Service.GATEWAY) {
            throw new IllegalArgumentException("one gateway");
        }
        Map<String, String> env = new LinkedHashMap<>(environment());
        env.put(switch (service) {
            case CASES -> "ANAISS_CASE_PORT";
            case OUTREACH -> "ANAISS_OUTREACH_PORT";
            default -> "ANAISS_STATS_PORT";
        }, String.valueOf(replicaPort(service)));
        Path log = root.resolve("system-tests/target/suite-logs/" + service.module + "-2.log");
        Process p = launch(service, env, log);
        synchronized (processes) {
            replicas.put(service, p);
        }
        awaitReady(replicaUrl(service), service.module + " (second instance)", () -> p, log, Duration.ofSeconds(300));
    }

    /** Kills a service's second instance at once (SIGKILL). */
    public void killReplica(Service service) {
        Process p;
        synchronized (processes) {
            p = replicas.remove(service);
        }
        killNow(p);
    }

    private void startAll() {
        List<CompletableFuture<Void>> ready = List.of(Service.values()).stream()
                .map(s -> CompletableFuture.runAsync(() -> start(s)))
                .toList();
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
    }

    /** Starts one service and waits until it is ready (bounded). */
    public void start(Service service) {
        start(service, Map.of());
    }

    /** The packaged jar of a service. */
    public Path jar(Service service) {
        Path jar = root.resolve(service.module + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the build (./mvnw verify) first");
        }
        return jar;
    }

    /** The environment the suite starts every service with (ports, infrastructure, dev-only keys). */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(Env.common());
        env.put("ANAISS_GATEWAY_PORT", String.valueOf(port(Service.GATEWAY)));
        env.put("ANAISS_CASE_PORT", String.valueOf(port(Service.CASES)));
        env.put("ANAISS_OUTREACH_PORT", String.valueOf(port(Service.OUTREACH)));
        env.put("ANAISS_STATS_PORT", String.valueOf(port(Service.STATS)));
        env.put("ANAISS_CASE_URL", url(Service.CASES));
        env.put("ANAISS_OUTREACH_URL", url(Service.OUTREACH));
        env.put("ANAISS_STATS_URL", url(Service.STATS));
        // the links printed in letters and mails lead to this suite's gateway, whose pages give the fund's phone
        env.put("ANAISS_PUBLIC_URL", gatewayUrl());
        env.put("ANAISS_FUND_PHONE", "04 72 00 00 00");
        // released periods looked for every few seconds, so tests see them without waiting an hour
        env.put("ANAISS_CASES_STATS_INTERVAL", "5s");
        env.put("ANAISS_CASES_STATS_INITIAL_DELAY", "3s");
        return env;
    }

    /** Starts one service with these variables added to the suite's environment, and waits until it is ready. */
    public void start(Service service, Map<String, String> extraEnv) {
        Map<String, String> env = new LinkedHashMap<>(environment());
        env.putAll(extraEnv);
        Process p = launch(service, env, log(service));
        synchronized (processes) {
            processes.put(service, p);
        }
        awaitReady(url(service), service.module, () -> processes.get(service), log(service), Duration.ofSeconds(180));
    }

    private Process launch(Service service, Map<String, String> env, Path log) {
        Path jar = jar(service);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder("java", "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().putAll(env);
            return pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + service.module, e);
        }
    }

    /** Stops one service the way an orchestrator would (SIGTERM, then SIGKILL after 20 s). */
    public void stop(Service service) {
        Process p;
        synchronized (processes) {
            p = processes.remove(service);
        }
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills one service at once (SIGKILL): no graceful shutdown, as in a crash. */
    public void kill(Service service) {
        Process p;
        synchronized (processes) {
            p = processes.remove(service);
        }
        killNow(p);
    }

    private static void killNow(Process p) {
        if (p != null) {
            try {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void stopAll() {
        List.copyOf(replicas.keySet()).forEach(this::killReplica);
        List.copyOf(processes.keySet()).forEach(this::stop);
    }

    private void awaitReady(String url, String name, java.util.function.Supplier<Process> process, Path log, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3)).build();
        while (System.nanoTime() < deadline) {
            Process p;
            synchronized (processes) {
                p = process.get();
            }
            if (p != null && !p.isAlive()) {
                throw new IllegalStateException(name + " exited during start; see " + log);
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(name + " not ready within " + limit.toSeconds() + " s; see " + log);
    }
}

package org.anaiss.system;

import java.util.HashMap;
import java.util.Map;

/** The local infrastructure, as deploy/local/env.sh exports it (the same defaults). */
public final class Env {

    private Env() {
    }

    public static String get(String name, String defaultValue) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? defaultValue : v;
    }

    public static String pgHost() {
        return get("ANAISS_PG_HOST", "127.0.0.1");
    }

    public static String pgPort() {
        return get("ANAISS_PG_PORT", "5432");
    }

    public static String pgSuperuser() {
        return get("ANAISS_PG_SUPERUSER", "postgres");
    }

    public static String kafkaBootstrap() {
        return get("ANAISS_KAFKA_BOOTSTRAP", "localhost:9092");
    }

    public static String keycloakUrl() {
        return get("ANAISS_KEYCLOAK_URL", "http://localhost:8180");
    }

    /**
     * Consumer groups of this test JVM's services: their own, so a local run does not share their
     * messages; a suffix, because the broker's ACLs grant each service the groups its name prefixes.
     */
    static final String GROUP_SUFFIX = "-it-" + Long.toString(System.currentTimeMillis(), 36);

    /** SASL_PLAINTEXT with the local broker of deploy/local (its default), PLAINTEXT when started without. */
    public static String kafkaSecurityProtocol() {
        return get("ANAISS_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
    }

    public static String smtpHost() {
        return get("ANAISS_SMTP_HOST", "127.0.0.1");
    }

    public static int smtpPort() {
        return Integer.parseInt(get("ANAISS_SMTP_PORT", "3025"));
    }

    public static int imapPort() {
        return Integer.parseInt(get("ANAISS_IMAP_PORT", "3143"));
    }

    /** The dev-only noise key version (public, in the repository): id, activation, epsilon, secret. */
    static final String DEV_NOISE_KEY = "dev1:0001-01-01:0.5:ZGV2LW9ubHktc3RhdHMtbm9pc2Uta2V5LW5vdC1hLXNlY3JldC0wMDAx";

    /** What every service needs to reach the infrastructure; dev-only keys (public, never for real data). */
    static Map<String, String> common() {
        Map<String, String> env = new HashMap<>();
        env.put("ANAISS_PG_HOST", pgHost());
        env.put("ANAISS_PG_PORT", pgPort());
        env.put("ANAISS_KAFKA_BOOTSTRAP", kafkaBootstrap());
        env.put("ANAISS_OIDC_URL", keycloakUrl() + "/realms/anaiss");
        env.put("ANAISS_KAFKA_GROUP_SUFFIX", GROUP_SUFFIX);
        env.put("ANAISS_KAFKA_SECURITY_PROTOCOL", kafkaSecurityProtocol());
        env.put("ANAISS_SMTP_HOST", smtpHost());
        env.put("ANAISS_SMTP_PORT", String.valueOf(smtpPort()));
        env.put("ANAISS_CRYPTO_KEYS", get("ANAISS_CRYPTO_KEYS", "dev1:9o0Ff2cOqZ6o3U3tq0v9qk1yGm1J3O6rXv7n5l3hY2E="));
        env.put("ANAISS_CRYPTO_ACTIVE_KEY", get("ANAISS_CRYPTO_ACTIVE_KEY", "dev1"));
        env.put("ANAISS_NIR_HASH_KEY", get("ANAISS_NIR_HASH_KEY", "ZGV2LW9ubHktbmlyLWhhc2gta2V5LW5vdC1hLXNlY3JldC0wMDAx"));
        env.put("ANAISS_WEB_SESSION_KEY", get("ANAISS_WEB_SESSION_KEY", "ZGV2LW9ubHktd2ViLXNlc3Npb24ta2V5LTMyYnl0ZXM="));
        env.put("ANAISS_STATS_NOISE_KEYS", get("ANAISS_STATS_NOISE_KEYS", DEV_NOISE_KEY));
        return env;
    }
}

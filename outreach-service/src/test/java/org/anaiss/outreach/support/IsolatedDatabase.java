package org.anaiss.outreach.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A database of this test profile's own, owned by the outreach role and migrated by Flyway at start, dropped at the
 * end: for a test that re-keys every row (rotation), which must leave the shared local database as the other tests
 * and the system tests' services (who know only the active key) expect it.
 */
public class IsolatedDatabase implements QuarkusTestResourceLifecycleManager {

    private String name;

    @Override
    public Map<String, String> start() {
        name = "outreach_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("create database " + name + " owner outreach template template0 encoding 'UTF8'");
        execute("revoke all on database " + name + " from public");
        execute("grant connect, temporary on database " + name + " to outreach");
        String host = System.getenv().getOrDefault("ANAISS_PG_HOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("ANAISS_PG_PORT", "5432");
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + host + ":" + port + "/" + name,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + host + ":" + port + "/" + name,
                "anaiss.test.database", name);
    }

    @Override
    public void stop() {
        if (name != null) { // null when another resource failed before this one started
            execute("drop database if exists " + name + " with (force)");
        }
    }

    private static void execute(String sql) {
        String host = System.getenv().getOrDefault("ANAISS_PG_HOST", "127.0.0.1");
        String port = System.getenv().getOrDefault("ANAISS_PG_PORT", "5432");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                System.getenv().getOrDefault("ANAISS_PG_SUPERUSER", "postgres"),
                System.getenv().getOrDefault("ANAISS_PG_SUPERUSER_PASSWORD", ""));
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot prepare the isolated database", e);
        }
    }
}

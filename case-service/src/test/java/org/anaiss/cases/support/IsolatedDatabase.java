package org.anaiss.cases.support;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A database of this test profile's own, owned by the service role and migrated by Flyway at start,
 * dropped at the end: for tests that delete everything due (retention) or re-key every row
 * (rotation), which must not touch the shared local database.
 */
public class IsolatedDatabase implements QuarkusTestResourceLifecycleManager {

    private String name;

    @Override
    public Map<String, String> start() {
        name = "cases_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("create database " + name + " owner cases template template0 encoding 'UTF8'");
        execute("revoke all on database " + name + " from public");
        execute("grant connect, temporary on database " + name + " to cases");
        String host = env("ANAISS_PG_HOST", "127.0.0.1");
        String port = env("ANAISS_PG_PORT", "5432");
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

    public static Connection superuser(String database) throws java.sql.SQLException {
        return Db.superuser(database);
    }

    private static void execute(String sql) {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot prepare the isolated database", e);
        }
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }
}

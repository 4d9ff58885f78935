package org.anaiss.stats.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A database of its own for this test run, on the real PostgreSQL, owned by the stats role (the
 * service connects as in production): the rebuild test empties it, and nobody else's data is near.
 * Created by the superuser, dropped at the end; leftovers of crashed runs older than a day are dropped.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    private static final String PREFIX = "stats_test_";
    private String name;

    public static String host() {
        return env("ANAISS_PG_HOST", "127.0.0.1");
    }

    public static String port() {
        return env("ANAISS_PG_PORT", "5432");
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }

    /** A superuser connection to this database (what the service never has). */
    public static Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port() + "/" + database,
                env("ANAISS_PG_SUPERUSER", "postgres"), env("ANAISS_PG_SUPERUSER_PASSWORD", ""));
    }

    @Override
    public Map<String, String> start() {
        long now = System.currentTimeMillis() / 1000;
        name = PREFIX + now + "_" + Long.toString(System.nanoTime() % 1_000_000, 36);
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            List<String> stale = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select datname from pg_database where datname like 'stats\\_test\\_%'")) {
                while (rs.next()) {
                    String[] parts = rs.getString(1).split("_");
                    if (parts.length >= 3 && parts[2].matches("[0-9]+") && Long.parseLong(parts[2]) < now - 86_400) {
                        stale.add(rs.getString(1));
                    }
                }
            }
            for (String old : stale) {
                s.execute("drop database if exists " + old + " with (force)");
            }
            s.execute("create database " + name + " owner stats encoding 'UTF8' template template0");
            s.execute("revoke all on database " + name + " from public");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database (is PostgreSQL up, with the stats role?)", e);
        }
        String hostPort = host() + ":" + port() + "/" + name;
        return Map.of("quarkus.datasource.reactive.url", "postgresql://" + hostPort,
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://" + hostPort);
    }

    @Override
    public void stop() {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            // a leftover is dropped by a later run
        }
    }
}

package org.anaiss.cases.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** JDBC as the PostgreSQL superuser, for what the API must not offer (raw rows, tampering). */
public final class Db {

    private Db() {
    }

    private static final String CASES = "cases";

    public static Connection superuser() throws SQLException {
        return superuser(CASES);
    }

    /** The same on another database of the server (an {@link IsolatedDatabase}'s). */
    public static Connection superuser(String database) throws SQLException {
        String host = env("ANAISS_PG_HOST", "127.0.0.1");
        String port = env("ANAISS_PG_PORT", "5432");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database,
                env("ANAISS_PG_SUPERUSER", "postgres"), env("ANAISS_PG_SUPERUSER_PASSWORD", ""));
    }

    public static long count(String sql, Object... args) throws SQLException {
        return countIn(CASES, sql, args);
    }

    public static long countIn(String database, String sql, Object... args) throws SQLException {
        try (Connection c = superuser(database); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The first column of every row, as text. */
    public static java.util.List<String> strings(String sql, Object... args) throws SQLException {
        try (Connection c = superuser(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            java.util.List<String> rows = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }

    public static int update(String sql, Object... args) throws SQLException {
        try (Connection c = superuser(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }

    /** As a superuser who also disables the append-only trigger: what only someone tampering can do. */
    public static void bypassingTheTrigger(String sql) throws SQLException {
        bypassingTheTriggerIn(CASES, sql);
    }

    public static void bypassingTheTriggerIn(String database, String sql) throws SQLException {
        try (Connection c = superuser(database); Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica");
            s.executeUpdate(sql);
        }
    }
}

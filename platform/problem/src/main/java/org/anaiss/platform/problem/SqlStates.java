package org.anaiss.platform.problem;

import java.util.Arrays;

/** The SQL state of a database error, wherever it lies in the cause chain (JDBC or reactive client). */
public final class SqlStates {

    private SqlStates() {
    }

    /** The first of these states found in the chain, or null. */
    public static String find(Throwable e, String... states) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = t instanceof java.sql.SQLException sql ? sql.getSQLState()
                    : t instanceof io.vertx.pgclient.PgException pg ? pg.getSqlState() : null;
            if (state != null && Arrays.asList(states).contains(state)) {
                return state;
            }
        }
        return null;
    }

    /** The first SQL state in the chain that belongs to one of these classes (its first two characters), or null. */
    public static String findClass(Throwable e, String... classes) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = t instanceof java.sql.SQLException sql ? sql.getSQLState()
                    : t instanceof io.vertx.pgclient.PgException pg ? pg.getSqlState() : null;
            if (state != null && state.length() >= 2 && Arrays.asList(classes).contains(state.substring(0, 2))) {
                return state;
            }
        }
        return null;
    }

    /**
     * A unique-constraint violation (23505), however the persistence layer wrapped it: Hibernate Reactive turns the
     * PgException into a java.sql.SQLException with its state.
     */
    public static boolean isUniqueViolation(Throwable e) {
        return find(e, "23505") != null;
    }
}

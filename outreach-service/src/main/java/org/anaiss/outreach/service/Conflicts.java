package org.anaiss.outreach.service;

import io.vertx.pgclient.PgException;

/** Recognises a unique-constraint violation however the persistence layer wrapped it. */
public final class Conflicts {

    private Conflicts() {
    }

    public static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
            // Hibernate Reactive converts the PgException into a java.sql.SQLException with its state (not as a cause)
            if (c instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}

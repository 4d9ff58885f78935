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
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}

package org.anaiss.platform.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Values of native query rows, whichever Java type the driver gave them. */
final class Rows {

    private Rows() {
    }

    static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        return Instant.parse(o.toString());
    }

    static Long longOrNull(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }

    static long longValue(Object o) {
        return o == null ? 0 : ((Number) o).longValue();
    }

    static Throwable rootCause(Throwable e) {
        Throwable t = e;
        for (int i = 0; i < 20 && t.getCause() != null && t.getCause() != t; i++) {
            t = t.getCause();
        }
        return t;
    }

    /** Whether the failure is a PostgreSQL error of that SQLSTATE, anywhere in its causes. */
    static boolean hasSqlState(Throwable e, String state) {
        Throwable t = e;
        for (int i = 0; i < 20 && t != null; i++) {
            if (t instanceof io.vertx.pgclient.PgException pg && state.equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return false;
    }
}

package org.anaiss.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** JDBC to the local PostgreSQL, for checks the APIs do not (and must not) offer. */
public final class Db {

    private Db() {
    }

    public static Connection as(String user, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + Env.pgHost() + ":" + Env.pgPort() + "/" + database, user,
                Env.get("ANAISS_" + user.toUpperCase() + "_DB_PASSWORD", user + "-local-only"));
    }

    public static Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + Env.pgHost() + ":" + Env.pgPort() + "/" + database,
                Env.pgSuperuser(), Env.get("ANAISS_PG_SUPERUSER_PASSWORD", ""));
    }
}

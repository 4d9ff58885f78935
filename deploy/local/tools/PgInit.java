import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates, idempotently, one database and one login role per service (the gateway's holds the
 * staff's web sessions), and shuts every other role out of each database (REVOKE CONNECT FROM
 * PUBLIC): the stats role cannot even connect to the cases or outreach databases. Run with the PostgreSQL JDBC driver
 * on the class path (java's single-file launcher; no psql needed on the machine).
 *
 * Usage: java -cp postgresql.jar PgInit.java jdbc:postgresql://host:port/postgres superuser
 */
public class PgInit {
    static final String[] SERVICES = {"cases", "outreach", "stats", "gateway"};

    public static void main(String[] args) throws SQLException {
        try (Connection c = DriverManager.getConnection(args[0], args[1], env("ANAISS_PG_SUPERUSER_PASSWORD", ""))) {
            c.setAutoCommit(true);
            for (String name : SERVICES) {
                String password = env("ANAISS_" + name.toUpperCase() + "_DB_PASSWORD", name + "-local-only");
                if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
                    exec(c, "CREATE ROLE " + name + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
                    System.out.println("created role " + name);
                }
                if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                    exec(c, "CREATE DATABASE " + name + " OWNER " + name + " ENCODING 'UTF8' TEMPLATE template0");
                    System.out.println("created database " + name);
                }
                exec(c, "REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
                exec(c, "GRANT CONNECT, TEMPORARY ON DATABASE " + name + " TO " + name);
            }
        }
    }

    static String env(String key, String def) {
        String v = System.getenv(key);
        return v == null || v.isEmpty() ? def : v;
    }

    static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

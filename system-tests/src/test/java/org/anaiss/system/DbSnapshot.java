package org.anaiss.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the tables of the services' databases hold, per table: the number of rows and a digest of
 * their content (so an update shows, not only an insert or a delete). Read as the PostgreSQL
 * superuser; only the digest is kept, never a row.
 */
final class DbSnapshot {

    static final List<String> DATABASES = List.of("cases", "outreach", "stats");

    /** One table's state. */
    record State(long rows, String digest) {
        @Override
        public String toString() {
            return rows + " rows, digest " + digest.substring(0, Math.min(8, digest.length()));
        }
    }

    private final Map<String, State> tables;

    private DbSnapshot(Map<String, State> tables) {
        this.tables = tables;
    }

    /** Every table of the three databases ("database.table"), but the given ones. */
    static DbSnapshot take(Set<String> excluded) {
        Map<String, State> tables = new TreeMap<>();
        for (String db : DATABASES) {
            try (Connection c = Db.superuser(db); Statement st = c.createStatement()) {
                List<String> names = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                        + " where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1")) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                for (String name : names) {
                    String key = db + "." + name;
                    if (excluded.contains(key) || excluded.stream().anyMatch(e -> e.endsWith("*") && key.startsWith(e.substring(0, e.length() - 1)))) {
                        continue;
                    }
                    try (ResultSet rs = st.executeQuery("select count(*), coalesce(md5(string_agg(h, ',' order by h)), '-') from"
                            + " (select md5(t::text) h from only public.\"" + name + "\" t) x")) {
                        rs.next();
                        tables.put(key, new State(rs.getLong(1), rs.getString(2)));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read database " + db + ": " + e.getSQLState(), e);
            }
        }
        return new DbSnapshot(tables);
    }

    Set<String> tables() {
        return tables.keySet();
    }

    /** The tables whose rows differ from those of {@code later}, with both states. */
    Map<String, String> differences(DbSnapshot later) {
        Map<String, String> diff = new TreeMap<>();
        Set<String> all = new TreeSet<>(tables.keySet());
        all.addAll(later.tables.keySet());
        for (String t : all) {
            State before = tables.get(t);
            State after = later.tables.get(t);
            if (before == null || !before.equals(after)) {
                diff.put(t, before + " -> " + after);
            }
        }
        return diff;
    }
}

package org.anaiss.cases.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.domain.Region;
import org.anaiss.cases.domain.StatsPeriod;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The aggregations behind the statistics: counts by region, age band (at the end of the period),
 * sex, theme and origin, for every grouping set of those dimensions (GROUP BY CUBE, so distinct
 * persons are counted exactly at every roll-up); for regional measures, who did the work counted in
 * each region (the staff rule); and the record of the periods released. Only counts leave these
 * queries, and staff counts never leave case-service.
 */
@ApplicationScoped
public class StatsRepository {

    private static final String DIMENSIONS = "region, age_band, sex, theme, origin";
    private static final String NATIONAL_DIMENSIONS = "age_band, sex, theme, origin";

    public enum Measure {
        // the public served: by region, under the staff rule
        CASES_OPENED("cases_opened", true, """
                select c.region, age_band(p.birth_date, $3) as age_band, p.sex, c.theme, c.origin, c.id as unit, c.id as case_id
                from support_case c join person p on p.id = c.person_id
                where c.opened_at >= $1 and c.opened_at < $2
                """, "count(*)"),
        // an outcome of the service's work: national only (by region it would rank the funds)
        CASES_CLOSED("cases_closed", false, """
                select c.region, age_band(p.birth_date, $3) as age_band, p.sex, c.theme, c.origin, c.id as unit, c.id as case_id
                from support_case c join person p on p.id = c.person_id
                where c.closed_at >= $1 and c.closed_at < $2
                """, "count(*)"),
        // a person counts once per cell if a case of theirs was open during the period or had a contact in it
        PERSONS_ACCOMPANIED("persons_accompanied", true, """
                select c.region, age_band(p.birth_date, $3) as age_band, p.sex, c.theme, c.origin, c.person_id as unit,
                       c.id as case_id
                from support_case c join person p on p.id = c.person_id
                where c.opened_at < $2 and (c.closed_at is null or c.closed_at >= $1)
                union
                select c.region, age_band(p.birth_date, $3), p.sex, c.theme, c.origin, c.person_id, c.id
                from contact k join support_case c on c.id = k.case_id join person p on p.id = c.person_id
                where k.occurred_at >= $1 and k.occurred_at < $2
                """, "count(distinct unit)");

        public final String apiName;
        /** Broken down by region (under the staff rule), or national only. */
        public final boolean regional;
        final String rows;
        final String count;

        Measure(String apiName, boolean regional, String rows, String count) {
            this.apiName = apiName;
            this.regional = regional;
            this.rows = rows;
            this.count = count;
        }

        /** The order of the values in each cell. */
        public List<String> dimensions() {
            return regional ? List.of("region", "ageBand", "sex", "theme", "origin") : List.of("ageBand", "sex", "theme", "origin");
        }

        /** The whole statement: the rows of the period, counted by every grouping of the measure's dimensions. */
        String sql() {
            String dims = regional ? DIMENSIONS : NATIONAL_DIMENSIONS;
            return "select " + dims + ", " + count + " from (" + rows + ") t group by cube (" + dims + ")";
        }

        /**
         * Per region, the units counted and who did the work on them during the period: the teams and
         * social workers the cases were assigned to ($4..$5, days), the authors of their contacts ($1..$2).
         */
        String staffSql() {
            return "with units as (" + rows + "), holders as ("
                    + " select u.region, u.unit, a.team, a.assigned_to as worker from units u"
                    + " join case_assignment a on a.case_id = u.case_id"
                    + " where a.from_day < $5 and (a.until_day is null or a.until_day >= $4)"
                    + " union"
                    + " select u.region, u.unit, null, k.author from units u join contact k on k.case_id = u.case_id"
                    + " where k.occurred_at >= $1 and k.occurred_at < $2),"
                    + " per_team as (select region, team, count(distinct unit) as n from holders where team is not null"
                    + " group by region, team)"
                    + " select t.region, t.total,"
                    + " (select count(*) from per_team p where p.region = t.region) as teams,"
                    + " (select coalesce(max(n), 0) from per_team p where p.region = t.region) as top_team,"
                    + " (select count(distinct worker) from holders h where h.region = t.region and h.worker is not null)"
                    + " as workers"
                    + " from (select region, count(distinct unit) as total from units group by region) t";
        }
    }

    /** Who did the work counted in one region over a period: counts only, never names. */
    public record Staffing(long total, long teams, long topTeam, long socialWorkers) {
        public static final Staffing NONE = new Staffing(0, 0, 0, 0);
    }

    private final Pool pool;

    public StatsRepository(Pool pool) {
        this.pool = pool;
    }

    private static Tuple periodArgs(StatsPeriod period, ZoneId zone) {
        OffsetDateTime start = period.start().atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime end = period.end().atStartOfDay(zone).toOffsetDateTime();
        LocalDate ageReference = period.end().minusDays(1);
        return Tuple.of(start, end, ageReference);
    }

    /** Cells [dimension values..., count], null meaning "all values" of that dimension. */
    public Uni<List<List<Object>>> cells(Measure measure, StatsPeriod period, ZoneId zone) {
        int width = measure.dimensions().size();
        return pool.preparedQuery(measure.sql()).execute(periodArgs(period, zone)).map(rows -> {
            List<List<Object>> cells = new ArrayList<>();
            for (Row r : rows) {
                List<Object> cell = new ArrayList<>(width + 1);
                for (int i = 0; i < width; i++) {
                    cell.add(r.getString(i));
                }
                cell.add(r.getLong(width));
                cells.add(cell);
            }
            return cells;
        });
    }

    /** For a regional measure: who did the work counted in each region (every region, NONE where nothing was counted). */
    public Uni<Map<Region, Staffing>> staffing(Measure measure, StatsPeriod period, ZoneId zone) {
        if (!measure.regional) {
            throw new IllegalArgumentException(measure.apiName + " is national only");
        }
        Tuple args = periodArgs(period, zone).addLocalDate(period.start()).addLocalDate(period.end());
        return pool.preparedQuery(measure.staffSql()).execute(args).map(rows -> {
            Map<Region, Staffing> staffing = new EnumMap<>(Region.class);
            Arrays.stream(Region.values()).forEach(r -> staffing.put(r, Staffing.NONE));
            for (Row r : rows) {
                staffing.put(Region.valueOf(r.getString("region")), new Staffing(r.getLong("total"), r.getLong("teams"),
                        r.getLong("top_team"), r.getLong("workers")));
            }
            return staffing;
        });
    }

    /** The keys among these already released (exported once). */
    public Uni<List<String>> released(List<String> keys) {
        return pool.preparedQuery("select snapshot_key from stats_export where snapshot_key = any($1)")
                .execute(Tuple.of(keys.toArray(String[]::new)))
                .map(rows -> {
                    List<String> found = new ArrayList<>();
                    rows.forEach(r -> found.add(r.getString(0)));
                    return found;
                });
    }

    /**
     * Records, in the caller's transaction, that this key is released now; false when it already was
     * (another run or replica got there first): then nothing must be sent.
     */
    public Uni<Boolean> markReleased(String key, long version, int cells) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into stats_export (snapshot_key, version, cells, released_at) values (:key, :version, :cells, now())
                on conflict (snapshot_key) do nothing
                """).setParameter("key", key).setParameter("version", version).setParameter("cells", cells).executeUpdate())
                .map(inserted -> inserted == 1);
    }
}

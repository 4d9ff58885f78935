package org.anaiss.cases.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.anaiss.cases.service.StatsPeriod;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The aggregations behind the statistics: counts by region, age band (at the end of the period),
 * sex, theme and origin, for every grouping set of those dimensions (GROUP BY CUBE, so distinct
 * persons are counted exactly at every roll-up). Only counts leave these queries.
 */
@ApplicationScoped
public class StatsRepository {

    public enum Measure {
        CASES_OPENED("cases_opened", """
                select c.region, age_band(p.birth_date, $3) as age_band, p.sex, c.theme, c.origin, c.id as unit
                from support_case c join person p on p.id = c.person_id
                where c.opened_at >= $1 and c.opened_at < $2
                """, "count(*)"),
        CASES_CLOSED("cases_closed", """
                select c.region, age_band(p.birth_date, $3) as age_band, p.sex, c.theme, c.origin, c.id as unit
                from support_case c join person p on p.id = c.person_id
                where c.closed_at >= $1 and c.closed_at < $2
                """, "count(*)"),
        // a person counts once per cell if a case of theirs was open during the period or had a contact in it
        PERSONS_ACCOMPANIED("persons_accompanied", """
                select c.region, age_band(p.birth_date, $3) as age_band, p.sex, c.theme, c.origin, c.person_id as unit
                from support_case c join person p on p.id = c.person_id
                where c.opened_at < $2 and (c.closed_at is null or c.closed_at >= $1)
                union
                select c.region, age_band(p.birth_date, $3), p.sex, c.theme, c.origin, c.person_id
                from contact k join support_case c on c.id = k.case_id join person p on p.id = c.person_id
                where k.occurred_at >= $1 and k.occurred_at < $2
                """, "count(distinct unit)");

        public final String apiName;
        final String rows;
        final String count;

        Measure(String apiName, String rows, String count) {
            this.apiName = apiName;
            this.rows = rows;
            this.count = count;
        }

        /** The whole statement: the rows of the period, counted by every grouping of the five dimensions. */
        public String sql() {
            return "select region, age_band, sex, theme, origin, " + count + " from (" + rows + ") t "
                    + "group by cube (region, age_band, sex, theme, origin)";
        }
    }

    private final Pool pool;

    public StatsRepository(Pool pool) {
        this.pool = pool;
    }

    /** Cells [region, ageBand, sex, theme, origin, count], null meaning "all values" of that dimension. */
    public Uni<List<List<Object>>> cells(Measure measure, StatsPeriod period, ZoneId zone) {
        OffsetDateTime start = period.start().atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime end = period.end().atStartOfDay(zone).toOffsetDateTime();
        LocalDate ageReference = period.end().minusDays(1);
        return pool.preparedQuery(measure.sql()).execute(Tuple.of(start, end, ageReference)).map(rows -> {
            List<List<Object>> cells = new ArrayList<>();
            for (Row r : rows) {
                List<Object> cell = new ArrayList<>(6);
                for (int i = 0; i < 5; i++) {
                    cell.add(r.getString(i));
                }
                cell.add(r.getLong(5));
                cells.add(cell);
            }
            return cells;
        });
    }
}

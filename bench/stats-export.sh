#!/usr/bin/env bash
# Issue 4 benchmark: the statistics export over one million cases, next to the plain SQL
# aggregations it runs. Uses a database of its own (cases_bench), dropped at the end.
#   bench/stats-export.sh [cases]     (default 1000000; needs psql)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
CASES=${1:-1000000}
DB=cases_bench
bench_require psql curl
"$ANAISS_ROOT/deploy/local/infra.sh" up postgres kafka keycloak >/dev/null
PSQL=(psql -q -v ON_ERROR_STOP=1 -h "$ANAISS_PG_HOST" -p "$ANAISS_PG_PORT" -U "$ANAISS_PG_SUPERUSER")
cleanup() { bench_stop; "${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" >/dev/null; }
trap cleanup EXIT

"${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB owner cases" >/dev/null
# case-service creates the schema (Flyway); its scheduled export stays off: the benchmark triggers it
bench_start case-service "$BENCH_CASE_PORT" ANAISS_CASES_DB_NAME=$DB ANAISS_CASES_STATS_INTERVAL=off \
  ANAISS_CASES_RETENTION_CRON=off ANAISS_KAFKA_GROUP_SUFFIX="-bench-$$"

log "loading $CASES persons and cases over five years"
t0=$(date +%s)
"${PSQL[@]}" -d $DB <<SQL
insert into person (id, region, last_name, first_name, last_name_norm, first_name_norm, birth_date, sex, created_at, updated_at)
select md5('p' || g)::uuid, (array['ALSACE_MOSELLE','AQUITAINE','AUVERGNE','BOURGOGNE_FRANCHE_COMTE','BRETAGNE','CENTRE_OUEST',
        'CENTRE_VAL_DE_LOIRE','HAUTS_DE_FRANCE','ILE_DE_FRANCE','LANGUEDOC_ROUSSILLON','MIDI_PYRENEES','NORD_EST','NORMANDIE',
        'PAYS_DE_LA_LOIRE','RHONE_ALPES','SUD_EST'])[1 + g % 16],
       'Bench' || g, 'P', 'BENCH' || g, 'P', date '1950-01-01' + (g % 20000), (array['FEMALE','MALE','UNKNOWN'])[1 + g % 3], now(), now()
from generate_series(1, $CASES) g;
insert into support_case (id, person_id, region, theme, origin, status, closure_reason, opened_at, closed_at, last_contact_at,
                          created_at, updated_at)
select md5('c' || g)::uuid, md5('p' || g)::uuid, p.region,
       (array['JOB_RETENTION','ACCESS_TO_CARE','HOSPITAL_DISCHARGE','DISABILITY','AUTONOMY','ACCESS_TO_RIGHTS','OTHER'])[1 + g % 7],
       (array['SELF','PARTNER_SIGNAL','OUTREACH_OFFER','HOSPITAL','OTHER'])[1 + g % 5],
       case when g % 3 = 0 then 'CLOSED' else 'OPEN' end, case when g % 3 = 0 then 'MOVED' end,
       now() - make_interval(days => g % 1825), case when g % 3 = 0 then now() - make_interval(days => g % 1825) + interval '30 days' end,
       now() - make_interval(days => g % 900), now(), now()
from generate_series(1, $CASES) g join person p on p.id = md5('p' || g)::uuid;
-- who holds each case (the staff rule reads it): three teams of four social workers per region
insert into case_assignment (id, case_id, team, assigned_to, from_day)
select md5('a' || g)::uuid, c.id, c.region || '-T' || (g % 3), c.region || '-W' || (g % 12), (c.opened_at at time zone 'Europe/Paris')::date
from generate_series(1, $CASES) g join support_case c on c.id = md5('c' || g)::uuid;
analyze person; analyze support_case; analyze contact; analyze case_assignment;
SQL
log "loaded in $(( $(date +%s) - t0 )) s"

TOKEN=$(token karim)
log "export through case-service (the periods released within the catch-up window, 3 measures each, with the staff rule)"
EXPORT=$(curl -fs -X POST -H "Authorization: Bearer $TOKEN" "http://localhost:$BENCH_CASE_PORT/api/cases/admin/stats/export")
EXPORT_MS=$(echo "$EXPORT" | sed -E 's/.*"millis":([0-9]+).*/\1/')

log "the same aggregations in plain SQL"
SQL_MS=$("${PSQL[@]}" -d $DB -At <<'SQL' | tail -1
-- the periods released within the last 365 days (end + 45 days), as the exporter finds them
create temporary table periods as select * from (
  select 'MONTH' g, d s, d + interval '1 month' e
    from generate_series(date_trunc('month', now()) - interval '15 months', date_trunc('month', now()), interval '1 month') d
  union all select 'QUARTER', d, d + interval '3 months'
    from generate_series(date_trunc('quarter', now()) - interval '18 months', date_trunc('quarter', now()), interval '3 months') d
  union all select 'YEAR', d, d + interval '1 year'
    from generate_series(date_trunc('year', now()) - interval '2 years', date_trunc('year', now()), interval '1 year') d) p
 where e + interval '45 days' <= now() and e + interval '45 days' > now() - interval '365 days';
create function pg_temp.aggregate_all() returns bigint language plpgsql as $$
declare p record; t0 timestamptz := clock_timestamp(); n bigint;
begin
  for p in select * from periods loop
    select count(*) into n from (select region, age_band, sex, theme, origin, count(*) from (
      select c.region, age_band(pe.birth_date, (p.e - interval '1 day')::date) as age_band, pe.sex, c.theme, c.origin
      from support_case c join person pe on pe.id = c.person_id where c.opened_at >= p.s and c.opened_at < p.e) t
      group by cube (region, age_band, sex, theme, origin)) x;
    select count(*) into n from (select age_band, sex, theme, origin, count(*) from (
      select age_band(pe.birth_date, (p.e - interval '1 day')::date) as age_band, pe.sex, c.theme, c.origin
      from support_case c join person pe on pe.id = c.person_id where c.closed_at >= p.s and c.closed_at < p.e) t
      group by cube (age_band, sex, theme, origin)) x;
    select count(*) into n from (select region, age_band, sex, theme, origin, count(distinct unit) from (
      select c.region, age_band(pe.birth_date, (p.e - interval '1 day')::date) as age_band, pe.sex, c.theme, c.origin, c.person_id as unit
      from support_case c join person pe on pe.id = c.person_id where c.opened_at < p.e and (c.closed_at is null or c.closed_at >= p.s)
      union
      select c.region, age_band(pe.birth_date, (p.e - interval '1 day')::date), pe.sex, c.theme, c.origin, c.person_id
      from contact k join support_case c on c.id = k.case_id join person pe on pe.id = c.person_id
      where k.occurred_at >= p.s and k.occurred_at < p.e) t
      group by cube (region, age_band, sex, theme, origin)) x;
  end loop;
  return round(extract(epoch from clock_timestamp() - t0) * 1000);
end $$;
select pg_temp.aggregate_all();
SQL
)
cat <<RES

Statistics export over $CASES cases ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))
  case-service export (compute, staff rule, build the snapshots, write them to the outbox): $EXPORT_MS ms   ($EXPORT)
  plain SQL, the same aggregations (without the staff rule's queries):                      $SQL_MS ms
  ratio export / SQL: $(awk -v a="$EXPORT_MS" -v b="$SQL_MS" 'BEGIN {printf "%.2f", a / b}')
RES

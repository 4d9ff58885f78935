-- What the statistics exporter published, per table: the latest version, and whether the period
-- is frozen (closed long enough ago that it is never recomputed, so later purges under the
-- retention rules do not rewrite published history).
create table stats_export (
    snapshot_key varchar(100) primary key,
    version      bigint      not null,
    frozen       boolean     not null,
    cells        integer     not null,
    exported_at  timestamptz not null
);

-- Age bands of the statistics, at a reference date (the end of the period).
create function age_band(birth date, at_date date) returns varchar
    language sql immutable as
$$
select case
           when extract(year from age(at_date, birth)) < 25 then 'UNDER_25'
           when extract(year from age(at_date, birth)) < 40 then '25_39'
           when extract(year from age(at_date, birth)) < 55 then '40_54'
           when extract(year from age(at_date, birth)) < 65 then '55_64'
           else '65_PLUS'
           end
$$;

create index support_case_opened_idx on support_case (opened_at);
create index support_case_closed_idx on support_case (closed_at) where closed_at is not null;
create index contact_occurred_idx on contact (occurred_at);

-- The CloudEvents id, when it is not the row id (a snapshot's id is its key and version).
alter table outbox_event add column event_id varchar(200);

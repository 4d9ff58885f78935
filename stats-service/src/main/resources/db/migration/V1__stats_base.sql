-- stats-service schema, first part: the latest snapshot of each aggregate table received on
-- stats-aggregates. Only counts by allowed dimensions ever enter this database.
create table snapshot (
    snapshot_key varchar(200) primary key,
    producer     varchar(50)  not null,
    measure      varchar(50)  not null,
    granularity  varchar(10)  not null check (granularity in ('MONTH', 'QUARTER', 'YEAR')),
    period       varchar(10)  not null,
    version      bigint       not null,
    frozen       boolean      not null,
    event_id     varchar(100) not null,
    received_at  timestamptz  not null
);

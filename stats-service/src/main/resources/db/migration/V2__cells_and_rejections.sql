-- stats-service schema, second part: the cells of each snapshot, already protected by noise, and
-- the record of messages refused at the door. The dimension columns are the whole list of allowed
-- dimensions: a breakdown that is not one of them has nowhere to be stored.

-- A surrogate id for the cells; the producer's event time; the noise parameters the cells were
-- protected with (a snapshot protected with other parameters is not served until rebuilt).
alter table snapshot
    add column id           bigint generated always as identity,
    add column produced_at  timestamptz      not null,
    add column noise_key_id varchar(32)      not null,
    add column epsilon      double precision not null;
alter table snapshot add constraint snapshot_id_uq unique (id);
-- producers may derive the event id from the key and the version (<key>@<version>)
alter table snapshot alter column event_id type varchar(200);
alter table snapshot add constraint snapshot_coordinates_uq unique (producer, measure, granularity, period);

-- One cell of one grouping set of one snapshot. grouping_set is the bit mask of the dimensions the
-- cell is grouped by (a null column in a grouped cell cannot occur; a non-grouped column means all).
-- noisy_count is the count plus its deterministic noise: the exact count is never stored.
create table cell (
    snapshot_id  bigint   not null references snapshot (id) on delete cascade,
    grouping_set smallint not null check (grouping_set >= 0),
    region       varchar(40) check (region ~ '^[A-Za-z0-9_]+$'),
    age_band     varchar(40) check (age_band ~ '^[A-Za-z0-9_]+$'),
    sex          varchar(40) check (sex ~ '^[A-Za-z0-9_]+$'),
    theme        varchar(40) check (theme ~ '^[A-Za-z0-9_]+$'),
    origin       varchar(40) check (origin ~ '^[A-Za-z0-9_]+$'),
    signal_type  varchar(40) check (signal_type ~ '^[A-Za-z0-9_]+$'),
    channel      varchar(40) check (channel ~ '^[A-Za-z0-9_]+$'),
    response     varchar(40) check (response ~ '^[A-Za-z0-9_]+$'),
    action_theme varchar(40) check (action_theme ~ '^[A-Za-z0-9_]+$'),
    noisy_count  integer  not null
);
-- a table query reads one grouping set of a few dozen snapshots
create index cell_lookup_idx on cell (snapshot_id, grouping_set);

-- Messages that did not conform: where they were, why (no value quoted), when. Never their content.
create table rejection (
    id           bigint generated always as identity primary key,
    topic        varchar(249)  not null,
    partition_no integer       not null,
    kafka_offset bigint        not null,
    record_key   varchar(200),
    reason       varchar(1000) not null,
    rejected_at  timestamptz   not null,
    -- a rebuild reads the rejected messages again: recorded once
    constraint rejection_position_uq unique (topic, partition_no, kafka_offset)
);
create index rejection_at_idx on rejection (rejected_at desc);

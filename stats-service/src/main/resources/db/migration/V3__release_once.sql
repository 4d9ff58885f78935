-- stats-service schema, third part: figures are released once per closed period and never change.
--
-- Snapshots received before this version came from producers that published open periods and
-- recomputed them, without the staff rule: none of them is a release. They go; the producers
-- export their released periods again (schema v2), each exactly once.
truncate table cell, snapshot;

-- a released snapshot is kept as first received: a later different one is refused, so the digest
-- of what was received tells a redelivery (the same) from a change (refused)
alter table snapshot drop column frozen;
alter table snapshot add column content_sha256 bytea not null;
-- regions the producer suppressed under its staff rule: every cell of them is shown masked
alter table snapshot add column suppressed_regions varchar(40)[] not null default '{}';

-- The key versions that protected released figures, as first seen: a key id names one secret, one
-- activation date and one epsilon forever (the secret is represented by a fingerprint, never stored).
create table noise_key_version (
    key_id        varchar(32)      primary key,
    activation    date             not null,
    epsilon       double precision not null,
    fingerprint   bytea            not null,
    registered_at timestamptz      not null
);

-- The highest threshold k ever applied: k may only be raised (a lower k would unmask figures of
-- periods already released).
create table disclosure_floor (
    id           smallint primary key check (id = 1),
    threshold    integer     not null,
    raised_at    timestamptz not null
);

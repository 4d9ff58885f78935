-- Background verification of the audit trail's hash chains over a period, for periods too large
-- for one request. The job walks the period's records by seq in chunks, one transaction each, and
-- records here what it found so far and the highest seq verified: a job left RUNNING by a crash or
-- a restart goes on from there, without counting a chunk twice. Figures only: no audit content.
create table audit_verification_job (
    id               uuid primary key,
    state            varchar(16) not null check (state in ('RUNNING', 'DONE', 'FAILED')),
    period_from      timestamptz not null,
    period_to        timestamptz not null,
    -- the highest seq verified so far (0 before the first chunk): the next chunk starts after it
    last_seq         bigint      not null default 0,
    records_checked  bigint      not null default 0,
    broken_records   bigint      not null default 0,
    first_broken_seq bigint,
    -- consecutive failed attempts at the next chunk; the job is FAILED after too many
    attempts         integer     not null default 0,
    -- the type of the last error, never its message (it may quote data)
    failure          varchar(100),
    started_at       timestamptz not null,
    updated_at       timestamptz not null,
    finished_at      timestamptz,
    check (period_from < period_to)
);
-- One running job at a time, across replicas: a second start is refused by the database itself.
create unique index audit_verification_job_running_uq on audit_verification_job (state) where state = 'RUNNING';
create index audit_verification_job_started_idx on audit_verification_job (started_at desc);

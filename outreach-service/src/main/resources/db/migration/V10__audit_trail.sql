-- Issue 17, item 1: outreach-service's audit trail, with the properties of case-service's (docs/audit.md):
-- every read and write of personal data writes one record in the same transaction; records are chained
-- by SHA-256 in 64 chains by the database itself (the application cannot forge seq, prev_hash nor hash),
-- append-only (triggers), partitioned by month so that the one-year retention drops whole months.
-- The Java side (writer, reading rules, verification) is platform/audit. A record names its person by
-- person_key (the keyed hash of the NIR, as everywhere in this service), never by NIR or name.
create sequence audit_record_seq_seq;
create table audit_record (
    seq         bigint      not null,
    at          timestamptz not null default clock_timestamp(),
    actor       varchar(64) not null,
    actor_role  varchar(32) not null,
    action      varchar(32) not null,
    record_type varchar(32) not null,
    record_id   uuid,
    person_key  varchar(64),
    request_id  varchar(64),
    chain       smallint    not null default 0,
    prev_hash   bytea,
    hash        bytea,
    primary key (seq, at)
) partition by range (at);
alter sequence audit_record_seq_seq owned by audit_record.seq;
create index audit_record_record_idx on audit_record (record_id, seq);
create index audit_record_person_idx on audit_record (person_key, seq);
create index audit_record_at_idx on audit_record (at);
create index audit_record_chain_idx on audit_record (chain, seq);

create table audit_chain_head (
    chain     smallint primary key,
    last_seq  bigint,
    last_hash bytea
);
insert into audit_chain_head (chain) select g from generate_series(0, 63) g;

-- Monthly partitions from the given month up to months_ahead months after the current one.
create function audit_ensure_partitions(from_month date, months_ahead int) returns int
    language plpgsql as
$$
declare
    m       date := date_trunc('month', from_month)::date;
    last    date := (date_trunc('month', now()) + make_interval(months => months_ahead))::date;
    name    text;
    created int := 0;
begin
    while m <= last loop
        name := format('audit_record_y%sm%s', to_char(m, 'YYYY'), to_char(m, 'MM'));
        if to_regclass(name) is null then
            execute format('create table %I partition of audit_record for values from (%L) to (%L)',
                           name, m, (m + interval '1 month')::date);
            execute format('revoke update, delete, truncate on %I from current_user', name);
            created := created + 1;
        end if;
        m := (m + interval '1 month')::date;
    end loop;
    return created;
end
$$;

-- Retention: drops the months that ended before the given date; returns how many.
create function audit_drop_partitions_before(cutoff date) returns int
    language plpgsql as
$$
declare
    p       record;
    dropped int := 0;
begin
    for p in select c.relname
             from pg_inherits i join pg_class c on c.oid = i.inhrelid
             where i.inhparent = 'audit_record'::regclass and c.relname ~ '^audit_record_y[0-9]{4}m[0-9]{2}$'
    loop
        if (to_date(substr(p.relname, 15, 4) || substr(p.relname, 20, 2), 'YYYYMM') + interval '1 month')::date <= cutoff then
            execute format('drop table %I', p.relname);
            dropped := dropped + 1;
        end if;
    end loop;
    return dropped;
end
$$;

select audit_ensure_partitions(now()::date, 3);

-- What a row's hash covers. Columns, not a row type: in a trigger, NEW has its partition's type.
create function audit_content(p_seq bigint, p_at timestamptz, p_actor varchar, p_role varchar, p_action varchar,
                              p_type varchar, p_record uuid, p_person_key varchar, p_request varchar,
                              p_chain smallint) returns bytea
    language sql immutable as
$$
select convert_to(concat_ws('|', p_seq, to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
                            p_actor, p_role, p_action, p_type, p_record, p_person_key, p_request, p_chain), 'UTF8')
$$;

-- Each insert takes a chain no other transaction holds (SKIP LOCKED), starting from its backend's own;
-- seq is drawn once the chain head is locked, so order within a chain is the order of seq.
create function audit_record_chain() returns trigger
    language plpgsql as
$$
declare
    start    int := pg_backend_pid() % 64;
    picked   smallint;
    previous bytea;
begin
    select h.chain, h.last_hash into picked, previous from audit_chain_head h
     order by (h.chain - start + 64) % 64 limit 1 for update skip locked;
    if picked is null then
        select h.chain, h.last_hash into picked, previous from audit_chain_head h where h.chain = start for update;
    end if;
    new.chain := picked;
    new.seq := nextval('audit_record_seq_seq');
    new.prev_hash := previous;
    new.hash := sha256(coalesce(previous, '\x'::bytea) ||
                       audit_content(new.seq, new.at, new.actor, new.actor_role, new.action, new.record_type,
                                     new.record_id, new.person_key, new.request_id, new.chain));
    update audit_chain_head set last_seq = new.seq, last_hash = new.hash where chain = new.chain;
    return new;
end
$$;

create function audit_record_refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit records are append-only';
end
$$;

create trigger audit_record_chain_trg before insert on audit_record
    for each row execute function audit_record_chain();
create trigger audit_record_append_only_trg before update or delete on audit_record
    for each row execute function audit_record_refuse_change();
create trigger audit_record_no_truncate_trg before truncate on audit_record
    for each statement execute function audit_record_refuse_change();
revoke update, delete, truncate on audit_record from current_user;

-- Background verification of the hash chains over a period (platform/audit AuditVerificationJobs).
create table audit_verification_job (
    id               uuid primary key,
    state            varchar(16) not null check (state in ('RUNNING', 'DONE', 'FAILED')),
    period_from      timestamptz not null,
    period_to        timestamptz not null,
    last_seq         bigint      not null default 0,
    records_checked  bigint      not null default 0,
    broken_records   bigint      not null default 0,
    first_broken_seq bigint,
    attempts         integer     not null default 0,
    failure          varchar(100),
    started_at       timestamptz not null,
    updated_at       timestamptz not null,
    finished_at      timestamptz,
    check (period_from < period_to)
);
create unique index audit_verification_job_running_uq on audit_verification_job (state) where state = 'RUNNING';
create index audit_verification_job_started_idx on audit_verification_job (started_at desc);

-- Every reading of the trail, itself recorded (who, when, which filter, why), shown to admins;
-- deleted only once older than a year.
create table audit_reading (
    id          uuid         primary key,
    read_at     timestamptz  not null,
    reader      varchar(100) not null,
    reader_role varchar(32)  not null,
    filter_kind varchar(16)  not null,
    filter      text         not null,
    reason      varchar(500),
    incident    varchar(32),
    request_id  varchar(64),
    constraint audit_reading_period_reason check (filter_kind not in ('PERIOD', 'ACTOR') or reason is not null),
    constraint audit_reading_actor_incident check (filter_kind <> 'ACTOR' or incident is not null)
);
create index audit_reading_read_at_idx on audit_reading (read_at);

create function audit_reading_refuse_change() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'DELETE' and old.read_at < now() - interval '365 days' then
        return old;
    end if;
    raise exception 'readings of the audit trail are append-only';
end
$$;
create trigger audit_reading_append_only_trg before update or delete on audit_reading
    for each row execute function audit_reading_refuse_change();
create trigger audit_reading_no_truncate_trg before truncate on audit_reading
    for each statement execute function audit_reading_refuse_change();
revoke update, truncate on audit_reading from current_user;

-- Data protection: legal holds and the DPO-only archive, rights requests with their legal
-- deadline, and an audit trail partitioned by month so that its one-year retention drops whole
-- months (the application role never gets DELETE on it).

alter table support_case add column legal_hold boolean not null default false;

-- Cases under a legal hold are moved here when their retention ends: one encrypted document
-- per case (person, case, contacts, plan, documents), readable by the DPO only.
create table archived_case (
    case_id      uuid primary key,
    person_id    uuid        not null,
    region       varchar(32) not null,
    archived_at  timestamptz not null,
    content_ct   bytea       not null,
    content_key  varchar(32) not null
);

-- A request of a person exercising their rights, and its answer: the one-month legal deadline
-- (article 12.3 GDPR) is followed from here.
create table rights_request (
    id           uuid primary key,
    person_id    uuid,
    kind         varchar(20)  not null check (kind in ('ACCESS', 'RECTIFICATION', 'ERASURE', 'OBJECTION', 'RESTRICTION')),
    channel      varchar(20)  not null check (channel in ('LETTER', 'EMAIL', 'DESK', 'PHONE')),
    received_at  timestamptz  not null,
    due_at       timestamptz  not null,
    status       varchar(20)  not null check (status in ('OPEN', 'ANSWERED', 'REFUSED')),
    answered_at  timestamptz,
    answer_note  varchar(2000),
    recorded_by  varchar(64)  not null,
    version      integer      not null default 0
);
create index rights_request_open_idx on rights_request (due_at) where status = 'OPEN';

-- ---------------------------------------------------------------- audit trail by month
alter table audit_record rename to audit_record_unpartitioned;
alter sequence audit_record_seq_seq owned by none;
drop trigger audit_record_chain_trg on audit_record_unpartitioned;
drop trigger audit_record_append_only_trg on audit_record_unpartitioned;
drop trigger audit_record_no_truncate_trg on audit_record_unpartitioned;
drop function audit_record_content(audit_record_unpartitioned);

create table audit_record (
    seq         bigint      not null default nextval('audit_record_seq_seq'),
    at          timestamptz not null default clock_timestamp(),
    actor       varchar(64) not null,
    actor_role  varchar(32) not null,
    action      varchar(32) not null,
    record_type varchar(32) not null,
    record_id   uuid,
    case_id     uuid,
    person_id   uuid,
    request_id  varchar(64),
    chain       smallint    not null default 0,
    prev_hash   bytea,
    hash        bytea,
    primary key (seq, at)
) partition by range (at);
alter sequence audit_record_seq_seq owned by audit_record.seq;
create index audit_record_p_case_idx on audit_record (case_id, seq);
create index audit_record_p_person_idx on audit_record (person_id, seq);
create index audit_record_p_at_idx on audit_record (at);
create index audit_record_p_chain_idx on audit_record (chain, seq);

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

select audit_ensure_partitions(coalesce((select min(at) from audit_record_unpartitioned), now())::date, 3);
-- the history keeps its hashes: copied before the chaining trigger exists
insert into audit_record select * from audit_record_unpartitioned;
drop table audit_record_unpartitioned;

-- What a row's hash covers. Columns, not a row type: in a trigger, NEW has its partition's type.
create function audit_content(p_seq bigint, p_at timestamptz, p_actor varchar, p_role varchar, p_action varchar,
                              p_type varchar, p_record uuid, p_case uuid, p_person uuid, p_request varchar,
                              p_chain smallint) returns bytea
    language sql immutable as
$$
select convert_to(concat_ws('|', p_seq, to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
                            p_actor, p_role, p_action, p_type, p_record, p_case, p_person, p_request, p_chain), 'UTF8')
$$;

create or replace function audit_record_chain() returns trigger
    language plpgsql as
$$
declare
    previous bytea;
begin
    new.chain := pg_backend_pid() % 16;
    select last_hash into previous from audit_chain_head where chain = new.chain for update;
    new.prev_hash := previous;
    new.hash := sha256(coalesce(previous, '\x'::bytea) ||
                       audit_content(new.seq, new.at, new.actor, new.actor_role, new.action, new.record_type,
                                     new.record_id, new.case_id, new.person_id, new.request_id, new.chain));
    update audit_chain_head set last_seq = new.seq, last_hash = new.hash where chain = new.chain;
    return new;
end
$$;

create trigger audit_record_chain_trg before insert on audit_record
    for each row execute function audit_record_chain();
create trigger audit_record_append_only_trg before update or delete on audit_record
    for each row execute function audit_record_refuse_change();
create trigger audit_record_no_truncate_trg before truncate on audit_record
    for each statement execute function audit_record_refuse_change();
revoke update, delete, truncate on audit_record from current_user;

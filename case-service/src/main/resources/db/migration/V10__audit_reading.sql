-- Issue 17, item 5: every reading of the audit trail is itself recorded (who, when, which filter, why),
-- in a trail the reader cannot alter: rows are only ever inserted by the reading itself, in the
-- transaction that reads; no update, no truncate; a row may only be deleted once older than a year
-- (the retention job does, like the audit trail's months).
create table audit_reading (
    id          uuid         primary key,
    read_at     timestamptz  not null,
    reader      varchar(100) not null,
    reader_role varchar(32)  not null,
    -- CASE, PERSON, PERIOD or ACTOR, and the filter's values as JSON (ids, instants, the actor read)
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

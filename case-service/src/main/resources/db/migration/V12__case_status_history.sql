-- The status history of a case, shown in its file: which status, from which day. Days, not times, and
-- no author: a fact of the case (deleted with it), not a record of anyone's use of the suite.
create table case_status_change (
    id             uuid primary key,
    case_id        uuid        not null references support_case (id) on delete cascade,
    -- orders the changes of one day
    seq            bigserial   not null,
    status         varchar(16) not null check (status in ('OPEN', 'ON_HOLD', 'CLOSED')),
    closure_reason varchar(40) check (closure_reason in ('COMPLETED_AT_PERSONS_REQUEST', 'PERSON_WITHDREW', 'MOVED',
                                                         'REDIRECTED', 'DECEASED')),
    changed_on     date        not null,
    check ((status = 'CLOSED') = (closure_reason is not null))
);
create index case_status_change_case_idx on case_status_change (case_id, seq);

-- what is known of the cases already open: the day each opened and, for those closed, the day it closed
insert into case_status_change (id, case_id, status, closure_reason, changed_on)
select gen_random_uuid(), id, 'OPEN', null, (opened_at at time zone 'Europe/Paris')::date from support_case order by opened_at;
insert into case_status_change (id, case_id, status, closure_reason, changed_on)
select gen_random_uuid(), id, 'CLOSED', closure_reason, (closed_at at time zone 'Europe/Paris')::date
  from support_case where status = 'CLOSED' and closed_at is not null order by closed_at;
insert into case_status_change (id, case_id, status, closure_reason, changed_on)
select gen_random_uuid(), id, 'ON_HOLD', null, (updated_at at time zone 'Europe/Paris')::date
  from support_case where status = 'ON_HOLD' order by updated_at;

-- Statistics are released once per closed period (docs/stats.md): stats_export now records the
-- periods released, each exported exactly once. What was exported before this version were open
-- periods recomputed every hour and frozen ones computed without the staff rule: none of them is a
-- release, and stats-service refuses their schema (v1). The released periods of the catch-up window
-- are exported again, once, at the next run.
delete from stats_export;
alter table stats_export drop column frozen;
alter table stats_export rename column exported_at to released_at;

-- Who held a case, day by day: the team and the social worker it was assigned to. The statistics
-- check from it, for each region and period, that a regional figure is the work of several teams and
-- social workers (the staff rule); nothing of it ever leaves case-service. A case fact kept with the
-- case (deleted with it), not a record of anyone's use of the suite: days, not times.
create table case_assignment (
    id          uuid primary key,
    case_id     uuid        not null references support_case (id) on delete cascade,
    team        varchar(64),
    assigned_to varchar(64),
    from_day    date        not null,
    until_day   date,
    check (until_day is null or until_day >= from_day)
);
create index case_assignment_case_idx on case_assignment (case_id, from_day);

-- the assignments as they stand, from the day each case opened
insert into case_assignment (id, case_id, team, assigned_to, from_day)
select gen_random_uuid(), id, team, assigned_to, (opened_at at time zone 'Europe/Paris')::date
  from support_case
 where team is not null or assigned_to is not null;

create index contact_case_occurred_idx on contact (case_id, occurred_at);

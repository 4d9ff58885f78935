-- Statistics are released once per closed period (docs/stats.md): stats_snapshot now records the
-- periods released, each exported exactly once. What was published before this version were open
-- periods recomputed every hour and frozen ones computed without the staff rule: none of them is a
-- release, and stats-service refuses their schema (v1). The released periods of the catch-up window
-- are exported again, once, at the next run.
delete from stats_snapshot;
alter table stats_snapshot drop column frozen;
alter table stats_snapshot rename column published_at to released_at;

-- The outreach officer who created a campaign or a collective action: the statistics check from it
-- that a regional figure is the work of several officers (the staff rule); it never leaves
-- outreach-service. Unknown (null) for what was created before: such work is attributed to nobody,
-- which can only mask a region, never release one.
alter table campaign add column created_by varchar(64);
alter table collective_action add column created_by varchar(64);

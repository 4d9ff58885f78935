-- Issue 17, "one erasure, every service". An erasure of a person in case-service (by the DPO, or by
-- the retention job when a person's last case goes) is announced on person-erasures through the outbox;
-- each service holding data on people confirms on erasure-confirmations. These two tables let the DPO
-- see, per erasure, which services confirmed and when. No personal data: person_id is case-service's
-- own id of a person who no longer exists here (the rights requests keep the same id).
create table erasure_request (
    id          uuid primary key,
    person_id   uuid        not null,
    reason      varchar(16) not null check (reason in ('DPO', 'RETENTION')),
    -- whether the event was sent: false when no NIR was recorded (no other service can know the person)
    announced   boolean     not null,
    decided_at  timestamptz not null
);
create index erasure_request_person_idx on erasure_request (person_id);
create index erasure_request_decided_idx on erasure_request (decided_at);

create table erasure_confirmation (
    erasure_id   uuid        not null references erasure_request (id) on delete cascade,
    service      varchar(64) not null,
    outcome      varchar(16) not null check (outcome in ('ERASED', 'NOTHING_HELD', 'UNLINKED')),
    rows_erased  integer     not null check (rows_erased >= 0),
    -- when the service applied the erasure, and when case-service learned it
    confirmed_at timestamptz not null,
    received_at  timestamptz not null,
    primary key (erasure_id, service)
);

-- outreach-service schema, first part: what it learns from case-service, and the event plumbing.

-- Cases opened in case-service, by the person's key (keyed hash of the NIR, shared secret):
-- a person with an open case is not offered the service again.
create table known_case (
    case_id     uuid primary key,
    person_key  varchar(64) not null,
    region      varchar(32) not null,
    status      varchar(16) not null check (status in ('OPEN', 'ON_HOLD', 'CLOSED')),
    updated_at  timestamptz not null
);
create index known_case_person_idx on known_case (person_key) where status <> 'CLOSED';

create table outbox_event (
    id          uuid primary key,
    topic       varchar(100) not null,
    record_key  varchar(100) not null,
    type        varchar(100) not null,
    payload     text         not null,
    created_at  timestamptz  not null,
    sent_at     timestamptz,
    attempts    integer      not null default 0,
    position    bigserial
);
create index outbox_event_unsent_idx on outbox_event (position) where sent_at is null;

create table processed_event (
    event_id     varchar(100) primary key,
    consumer     varchar(100) not null,
    processed_at timestamptz  not null
);

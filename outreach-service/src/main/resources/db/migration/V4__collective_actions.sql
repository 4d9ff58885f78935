-- outreach-service, purpose P3: collective actions (information meetings, workshops), their sessions,
-- invitations, registrations with a waiting list, and attendance. Identities are encrypted (*_ct) and
-- bound to their row; people are matched by person_key (keyed hash of the NIR) only.

create table collective_action (
    id              uuid primary key,
    region          varchar(32)  not null,
    theme           varchar(32)  not null check (theme in ('JOB_RETENTION', 'RETURN_TO_WORK', 'ACCESS_TO_RIGHTS', 'AUTONOMY', 'OTHER')),
    title           varchar(150) not null,
    description     text         not null,
    target_public   varchar(500) not null,
    created_at      timestamptz  not null,
    version         integer      not null default 0
);
create index collective_action_region_idx on collective_action (region, created_at desc);

-- Seats are counted on the session row: a registration takes one with a conditional update
-- (seats_taken < capacity), so two people can never both get the last seat.
create table action_session (
    id                     uuid primary key,
    action_id              uuid         not null references collective_action (id) on delete cascade,
    starts_at              timestamptz  not null,
    duration_minutes       integer      not null check (duration_minutes between 15 and 600),
    place                  varchar(300),
    video_url              varchar(500),
    capacity               integer      not null check (capacity between 1 and 1000),
    seats_taken            integer      not null default 0,
    held                   boolean      not null default false,
    attendance_recorded_at timestamptz,
    version                integer      not null default 0,
    check (seats_taken between 0 and capacity),
    check (place is not null or video_url is not null)
);
create index action_session_action_idx on action_session (action_id, starts_at);
create index action_session_starts_idx on action_session (starts_at);

-- One invitation round of an action: the message (subject, Qute template) and the channel.
create table invitation_round (
    id              uuid primary key,
    action_id       uuid         not null references collective_action (id) on delete cascade,
    channel         varchar(16)  not null check (channel in ('LETTER', 'EMAIL')),
    subject         varchar(200) not null,
    template        text         not null,
    created_at      timestamptz  not null
);

create table invitation (
    id              uuid primary key,
    action_id       uuid        not null references collective_action (id) on delete cascade,
    round_id        uuid        not null references invitation_round (id) on delete cascade,
    signal_id       uuid        not null references signal (id),
    person_key      varchar(64) not null,
    channel         varchar(16) not null check (channel in ('LETTER', 'EMAIL')),
    status          varchar(16) not null check (status in ('PENDING', 'SENT', 'CANCELLED')),
    token_hash      varchar(64),
    pdf_ct          bytea,
    pdf_key         varchar(32),
    expires_at      timestamptz not null,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    unique (action_id, person_key)
);
create unique index invitation_token_uq on invitation (token_hash) where token_hash is not null;
create index invitation_pending_idx on invitation (created_at, id) where status = 'PENDING';
create index invitation_person_idx on invitation (person_key);
create index invitation_signal_idx on invitation (signal_id);

create table registration (
    id              uuid primary key,
    session_id      uuid        not null references action_session (id) on delete cascade,
    action_id       uuid        not null references collective_action (id) on delete cascade,
    invitation_id   uuid        references invitation (id) on delete set null,
    person_key      varchar(64) not null,
    person_ct       bytea       not null,
    person_key_id   varchar(32) not null,
    has_email       boolean     not null,
    status          varchar(16) not null check (status in ('REGISTERED', 'WAITING', 'CANCELLED')),
    source          varchar(16) not null check (source in ('LINK', 'SOCIAL_WORKER', 'OFFICER')),
    token_hash      varchar(64) not null unique,
    attended        boolean,
    created_at      timestamptz not null,
    promoted_at     timestamptz,
    cancelled_at    timestamptz,
    version         integer     not null default 0
);
-- one active registration per person and session
create unique index registration_active_uq on registration (session_id, person_key) where status in ('REGISTERED', 'WAITING');
-- the waiting list, first come first served
create index registration_waiting_idx on registration (session_id, created_at, id) where status = 'WAITING';
create index registration_person_idx on registration (person_key);

-- outreach-service, purpose P4: signals from partner systems, campaigns, offers and answers,
-- objections, the mail queue, letters, and the stats snapshots already published.
-- Encrypted columns (*_ct) hold AES-GCM ciphertexts written by the application, bound to their row,
-- with the id of the key that wrote them (*_key) so keys can rotate.

-- A person signalled by a partner system. The identity (NIR, names, birth date, contact details) is
-- one encrypted JSON document; person_key is the keyed hash shared with case-service (blind index).
create table signal (
    id              uuid primary key,
    partner         varchar(100) not null,
    person_key      varchar(64)  not null,
    person_ct       bytea        not null,
    person_key_id   varchar(32)  not null,
    -- whether the encrypted identity has an e-mail / a postal address: lets a campaign select by channel
    has_email       boolean      not null,
    has_address     boolean      not null,
    region          varchar(32)  not null,
    signal_type     varchar(32)  not null check (signal_type in ('SICK_LEAVE_90_DAYS', 'HOSPITAL_DISCHARGE',
                                                                'DISABILITY_PENSION', 'WORK_UNFITNESS_RISK', 'OTHER')),
    signal_date     date         not null,
    source_system   varchar(100) not null,
    received_at     timestamptz  not null
);
create index signal_partner_idx on signal (partner, received_at desc);
create index signal_target_idx on signal (region, signal_type, signal_date);
create index signal_person_idx on signal (person_key);
create index signal_received_idx on signal (received_at);

-- What a partner request with an Idempotency-Key answered: a retry gets the same answer.
create table idempotency_record (
    -- partner client id, a line feed, then the key
    id              varchar(210) primary key,
    partner         varchar(100) not null,
    request_hash    varchar(64)  not null,
    status          integer      not null,
    response        text         not null,
    created_at      timestamptz  not null
);
create index idempotency_record_created_idx on idempotency_record (created_at);

-- A person's objection to outreach, by key only: every later campaign skips them.
create table objection (
    person_key      varchar(64) primary key,
    source          varchar(16) not null check (source in ('OFFICER', 'ANSWER_LINK')),
    recorded_at     timestamptz not null
);

create table campaign (
    id              uuid primary key,
    region          varchar(32)  not null,
    name            varchar(120) not null,
    signal_types    varchar(200) not null,
    window_from     date         not null,
    window_to       date         not null,
    channel         varchar(16)  not null check (channel in ('LETTER', 'EMAIL')),
    subject         varchar(200) not null,
    template        text         not null,
    answer_deadline date         not null,
    status          varchar(16)  not null check (status in ('DRAFT', 'LAUNCHING', 'DONE')),
    phase           varchar(16)  check (phase in ('SELECTING', 'DELIVERING')),
    total           integer      not null default 0,
    done            integer      not null default 0,
    lease_owner     varchar(64),
    lease_until     timestamptz,
    created_at      timestamptz  not null,
    launched_at     timestamptz,
    finished_at     timestamptz,
    version         integer      not null default 0,
    check (window_from <= window_to)
);
create index campaign_region_idx on campaign (region, created_at desc);
create index campaign_launching_idx on campaign (status) where status = 'LAUNCHING';

-- One offer per person and campaign, and never two offers for the same signal.
create table offer (
    id              uuid primary key,
    campaign_id     uuid        not null references campaign (id),
    signal_id       uuid        not null references signal (id),
    person_key      varchar(64) not null,
    region          varchar(32) not null,
    signal_type     varchar(32) not null,
    channel         varchar(16) not null,
    status          varchar(16) not null check (status in ('PENDING', 'SENT', 'POSTPONED', 'ACCEPTED', 'DECLINED',
                                                           'NO_RESPONSE', 'CANCELLED')),
    -- SHA-256 of the answer-link token (the token itself is never stored)
    token_hash      varchar(64),
    expires_at      timestamptz not null,
    postponed_until date,
    answer_channel  varchar(16) check (answer_channel in ('LINK', 'PHONE', 'LETTER')),
    -- when to call, in the person's words (accepted offers), encrypted
    slot_ct         bytea,
    slot_key        varchar(32),
    letter_batch    integer,
    created_at      timestamptz not null,
    sent_at         timestamptz,
    answered_at     timestamptz,
    closed_at       timestamptz,
    version         integer     not null default 0,
    unique (campaign_id, person_key),
    unique (signal_id)
);
create unique index offer_token_uq on offer (token_hash) where token_hash is not null;
create index offer_campaign_idx on offer (campaign_id, status);
create index offer_person_idx on offer (person_key);
create index offer_open_expiry_idx on offer (expires_at) where status in ('SENT', 'POSTPONED');
create index offer_sent_idx on offer (sent_at);
create index offer_closed_idx on offer (closed_at);

-- Letters: one PDF per offer, and the merged PDF of each batch for the mail room (encrypted: they
-- carry names, addresses and answer links).
create table offer_letter (
    offer_id        uuid primary key references offer (id) on delete cascade,
    pdf_ct          bytea       not null,
    pdf_key         varchar(32) not null
);
create table letter_batch (
    campaign_id     uuid        not null references campaign (id),
    batch_no        integer     not null,
    letters         integer     not null,
    pdf_ct          bytea       not null,
    pdf_key         varchar(32) not null,
    created_at      timestamptz not null,
    primary key (campaign_id, batch_no)
);

-- Mail queue (outbox for e-mail): one row per message, at most one per dedupe key (offer, invitation,
-- reminder...); the relay sends PENDING rows and marks them SENT. message_id is the Message-ID header.
create table mail_message (
    id              uuid primary key,
    dedupe_key      varchar(120) not null unique,
    recipient_ct    bytea,
    body_ct         bytea,
    subject_ct      bytea,
    ct_key          varchar(32),
    status          varchar(16)  not null check (status in ('PENDING', 'SENDING', 'SENT', 'CANCELLED', 'FAILED')),
    attempts        integer      not null default 0,
    not_before      timestamptz  not null,
    lease_until     timestamptz,
    created_at      timestamptz  not null,
    sent_at         timestamptz
);
create index mail_message_due_idx on mail_message (not_before) where status in ('PENDING', 'SENDING');
create index mail_message_sent_idx on mail_message (sent_at) where status = 'SENT';

-- Aggregate snapshots already published on stats-aggregates: versions increase, frozen ones are final.
create table stats_snapshot (
    measure         varchar(40) not null,
    granularity     varchar(8)  not null,
    period          varchar(8)  not null,
    version         bigint      not null,
    frozen          boolean     not null,
    published_at    timestamptz not null,
    primary key (measure, granularity, period)
);

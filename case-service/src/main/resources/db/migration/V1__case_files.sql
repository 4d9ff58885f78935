-- case-service schema: persons, cases, contacts, support plan, documents, staff directory,
-- audit trail (append-only, hash-chained), transactional outbox, processed event ids.
-- Encrypted columns (*_ct) hold AES-GCM ciphertexts written by the application, with the id
-- of the key that wrote them (*_key) so keys can rotate.

create table person (
    id                uuid primary key,
    region            varchar(32)  not null,
    last_name         varchar(100) not null,
    first_name        varchar(100) not null,
    -- upper case, no accents, no punctuation: for search and duplicate detection
    last_name_norm    varchar(100) not null,
    first_name_norm   varchar(100) not null,
    birth_date        date         not null,
    sex               varchar(16)  not null check (sex in ('FEMALE', 'MALE', 'UNKNOWN')),
    nir_ct            bytea,
    nir_key           varchar(32),
    -- keyed hash (HMAC-SHA-256) of the NIR: exact lookup without storing it in clear
    nir_hash          bytea,
    address_line      varchar(200),
    postal_code       varchar(10),
    city              varchar(100),
    phone             varchar(30),
    email             varchar(254),
    preferred_channel varchar(16) check (preferred_channel in ('PHONE', 'EMAIL', 'LETTER')),
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null,
    version           integer      not null default 0,
    check ((nir_ct is null) = (nir_hash is null))
);
create unique index person_region_nir_uq on person (region, nir_hash) where nir_hash is not null;
create index person_identity_idx on person (region, last_name_norm, birth_date, first_name_norm);

create table support_case (
    id              uuid primary key,
    person_id       uuid        not null references person (id),
    region          varchar(32) not null,
    team            varchar(64),
    assigned_to     varchar(64),
    theme           varchar(32) not null check (theme in ('JOB_RETENTION', 'ACCESS_TO_CARE', 'HOSPITAL_DISCHARGE',
                                                         'DISABILITY', 'AUTONOMY', 'ACCESS_TO_RIGHTS', 'OTHER')),
    origin          varchar(32) not null check (origin in ('SELF', 'PARTNER_SIGNAL', 'OUTREACH_OFFER', 'HOSPITAL', 'OTHER')),
    status          varchar(16) not null check (status in ('OPEN', 'ON_HOLD', 'CLOSED')),
    closure_reason  varchar(40) check (closure_reason in ('COMPLETED_AT_PERSONS_REQUEST', 'PERSON_WITHDREW', 'MOVED',
                                                          'REDIRECTED', 'DECEASED')),
    opened_at       timestamptz not null,
    closed_at       timestamptz,
    last_contact_at timestamptz,
    -- what the person said when accepting an offer (e.g. when to call), encrypted
    intake_note_ct  bytea,
    intake_note_key varchar(32),
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    version         integer     not null default 0,
    check ((status = 'CLOSED') = (closure_reason is not null))
);
create index support_case_person_idx on support_case (person_id);
create index support_case_team_idx on support_case (region, team, updated_at desc);
create index support_case_assignee_idx on support_case (region, assigned_to, updated_at desc);

create table contact (
    id          uuid primary key,
    case_id     uuid        not null references support_case (id),
    occurred_at timestamptz not null,
    mode        varchar(16) not null check (mode in ('OFFICE', 'PHONE', 'HOME_VISIT', 'VIDEO', 'LETTER')),
    author      varchar(64) not null,
    notes_ct    bytea,
    notes_key   varchar(32),
    created_at  timestamptz not null
);
create index contact_case_idx on contact (case_id, occurred_at desc);

create table plan_step (
    id         uuid primary key,
    case_id    uuid        not null references support_case (id),
    text_ct    bytea       not null,
    text_key   varchar(32) not null,
    due_date   date,
    status     varchar(16) not null check (status in ('PLANNED', 'DONE', 'CANCELLED')),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    integer     not null default 0
);
create index plan_step_case_idx on plan_step (case_id);

create table document (
    id           uuid primary key,
    case_id      uuid         not null references support_case (id),
    file_name    varchar(255) not null,
    content_type varchar(100) not null,
    size_bytes   bigint       not null,
    sha256       bytea        not null,
    content_ct   bytea        not null,
    content_key  varchar(32)  not null,
    uploaded_by  varchar(64)  not null,
    uploaded_at  timestamptz  not null
);
create index document_case_idx on document (case_id);

-- Who can be assigned a case: learned from the tokens of the people who use the service.
create table staff_member (
    username     varchar(64) primary key,
    display_name varchar(200) not null,
    region       varchar(32) not null,
    team         varchar(64),
    team_lead    boolean     not null,
    last_seen_at timestamptz not null
);
create index staff_member_team_idx on staff_member (region, team);

-- ---------------------------------------------------------------- audit trail
-- Append-only: no UPDATE, DELETE or TRUNCATE for anyone through the application role, and a
-- trigger refusing them. Each row carries the hash of the previous row of its chain; rows are
-- spread over 16 chains by database session so concurrent readers do not queue on one lock.
create table audit_record (
    seq         bigserial primary key,
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
    hash        bytea
);
create index audit_record_case_idx on audit_record (case_id, seq);
create index audit_record_person_idx on audit_record (person_id, seq);
create index audit_record_at_idx on audit_record (at);
create index audit_record_chain_idx on audit_record (chain, seq);

create table audit_chain_head (
    chain     smallint primary key,
    last_seq  bigint,
    last_hash bytea
);
insert into audit_chain_head (chain) select g from generate_series(0, 15) g;

create function audit_record_content(r audit_record) returns bytea
    language sql immutable as
$$
select convert_to(concat_ws('|', r.seq, to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
                            r.actor, r.actor_role, r.action, r.record_type, r.record_id, r.case_id,
                            r.person_id, r.request_id, r.chain), 'UTF8')
$$;

create function audit_record_chain() returns trigger
    language plpgsql as
$$
declare
    previous bytea;
begin
    new.chain := pg_backend_pid() % 16;
    select last_hash into previous from audit_chain_head where chain = new.chain for update;
    new.prev_hash := previous;
    new.hash := sha256(coalesce(previous, '\x'::bytea) || audit_record_content(new));
    update audit_chain_head set last_seq = new.seq, last_hash = new.hash where chain = new.chain;
    return new;
end
$$;
create trigger audit_record_chain_trg before insert on audit_record
    for each row execute function audit_record_chain();

create function audit_record_refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit records are append-only';
end
$$;
create trigger audit_record_append_only_trg before update or delete on audit_record
    for each row execute function audit_record_refuse_change();
create trigger audit_record_no_truncate_trg before truncate on audit_record
    for each statement execute function audit_record_refuse_change();
revoke update, delete, truncate on audit_record from current_user;

-- ---------------------------------------------------------------- events
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

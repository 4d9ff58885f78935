-- Issue 17, "nothing personal left behind".
-- 1. Events that carry a person (offer-accepted: identity, NIR, address) wait in the outbox encrypted
--    like the rest of this database (AES-GCM, bound to the row, key id beside it); the relay decrypts
--    them just before sending. payload stays for events without personal data (statistics snapshots).
--    Rows written before this migration keep their clear payload until they are sent and purged.
alter table outbox_event alter column payload drop not null;
alter table outbox_event add column payload_ct bytea;
alter table outbox_event add column payload_key varchar(32);
alter table outbox_event add constraint outbox_event_payload_present
    check ((payload is not null) <> (payload_ct is not null) and (payload_ct is null) = (payload_key is null));
-- 2. Sent rows are deleted after anaiss.outreach.outbox.sent-retention (OutboxPurge): this index finds them.
create index outbox_event_sent_idx on outbox_event (sent_at) where sent_at is not null;

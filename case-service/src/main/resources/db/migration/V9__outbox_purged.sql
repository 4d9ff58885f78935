-- Issue 17, "nothing personal left behind": sent rows are deleted after
-- anaiss.cases.outbox.sent-retention (OutboxPurge); this index finds them.
create index outbox_event_sent_idx on outbox_event (sent_at) where sent_at is not null;

-- The sequence number used to be drawn by the column default, before the trigger took its chain's
-- lock: two concurrent transactions on one chain could then link in the opposite order of their
-- seq, and the verification (which walks each chain by seq) reported an intact trail as broken.
-- Drawing seq once the chain head is locked makes seq order and link order the same.
create or replace function audit_record_chain() returns trigger
    language plpgsql as
$$
declare
    previous bytea;
begin
    new.chain := pg_backend_pid() % 16;
    select last_hash into previous from audit_chain_head where chain = new.chain for update;
    new.seq := nextval('audit_record_seq_seq');
    new.prev_hash := previous;
    new.hash := sha256(coalesce(previous, '\x'::bytea) ||
                       audit_content(new.seq, new.at, new.actor, new.actor_role, new.action, new.record_type,
                                     new.record_id, new.case_id, new.person_id, new.request_id, new.chain));
    update audit_chain_head set last_seq = new.seq, last_hash = new.hash where chain = new.chain;
    return new;
end
$$;

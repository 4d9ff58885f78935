-- Under load, writers whose backends shared a chain (pid % 16) queued behind each other's commit
-- on the chain head's row lock (bench/load.sh saw it as the most frequent lock wait). Each insert
-- now takes a chain no other transaction holds (SKIP LOCKED), starting from its backend's own,
-- among 64; it waits only when all 64 are held. Order within a chain stays the order of seq: seq
-- is drawn once the head is locked, and the lock is held until commit.
insert into audit_chain_head (chain) select g from generate_series(16, 63) g on conflict do nothing;

create or replace function audit_record_chain() returns trigger
    language plpgsql as
$$
declare
    start    int := pg_backend_pid() % 64;
    picked   smallint;
    previous bytea;
begin
    select h.chain, h.last_hash into picked, previous from audit_chain_head h
     order by (h.chain - start + 64) % 64 limit 1 for update skip locked;
    if picked is null then
        select h.chain, h.last_hash into picked, previous from audit_chain_head h where h.chain = start for update;
    end if;
    new.chain := picked;
    new.seq := nextval('audit_record_seq_seq');
    new.prev_hash := previous;
    new.hash := sha256(coalesce(previous, '\x'::bytea) ||
                       audit_content(new.seq, new.at, new.actor, new.actor_role, new.action, new.record_type,
                                     new.record_id, new.case_id, new.person_id, new.request_id, new.chain));
    update audit_chain_head set last_seq = new.seq, last_hash = new.hash where chain = new.chain;
    return new;
end
$$;

-- Issue 17, "one erasure, every service": an erasure decided in case-service (person-erasures) unlinks
-- every known case of the person, closed ones included; the existing index covers open cases only.
create index known_case_person_all_idx on known_case (person_key);

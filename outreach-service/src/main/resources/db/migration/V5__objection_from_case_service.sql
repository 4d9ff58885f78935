-- An objection recorded in case-service (by the DPO, at the person's request) reaches outreach-service
-- on case-events (PersonObjectedToOutreach): it is kept like the others, by person key only.
alter table objection drop constraint objection_source_check;
alter table objection add constraint objection_source_check check (source in ('OFFICER', 'ANSWER_LINK', 'CASE_SERVICE'));

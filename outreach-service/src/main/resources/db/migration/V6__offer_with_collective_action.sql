-- An offer campaign may propose a collective action as an option ("come to the information meeting"):
-- each offer then carries an invitation to that action (its registration link is in the offer's message).
alter table campaign add column action_id uuid references collective_action (id) on delete set null;

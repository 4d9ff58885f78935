-- Issue 17, item 7 (first step): no time of use of any staff member is stored. The directory keeps who
-- belongs to which team; when they last used the suite is dropped, with its values.
alter table staff_member drop column last_seen_at;

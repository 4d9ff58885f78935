-- The launch worker takes PENDING offers of a campaign in id order, a chunk at a time: an index that
-- serves that order directly (no sort of every pending offer at each chunk).
create index offer_campaign_pending_idx on offer (campaign_id, id) where status = 'PENDING';

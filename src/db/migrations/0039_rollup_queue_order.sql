-- The applier takes a municipality's oldest transactions' deltas first (ORDER BY xid, seq LIMIT n):
-- this index hands them over in that order. Without it each batch read every queued delta of the
-- municipality and sorted them for the first n: after a bulk load of 10,000,000 incidents a batch
-- of 20,000 from the largest municipality's 2,200,000 took a second, and the catch-up's batches
-- together read the queue over and over.
CREATE INDEX incident_rollup_queue_order_idx ON incident_rollup_queue (municipality_id, xid, seq);

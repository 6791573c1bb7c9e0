-- A small map view over a period finds its incidents by 250 m cell and time, not by position alone.
--
-- The GiST index on the position finds every incident ever reported in a view: in a street of
-- central Stockholm at 10 million incidents, 390,000, of which a week holds 2,700. Each was fetched
-- from the table to test its time: half a second for a street view of a week, and the same for the
-- cells of one of a town view (one lookup per cell) and the strip along a view's edge. This index
-- orders the incidents by municipality, 250 m cell (SWEREF 99 TM) and the end of their window: a
-- view asks for each of its cells the incidents that end after the period starts, and tests their
-- start in the index, so only the period's incidents are fetched (15 ms for that street's week).
--
-- The cell expressions must be written exactly as src/db/cell-time.ts writes them, or the planner
-- does not see that the index answers them (a test checks that it does).

CREATE INDEX incidents_cell_time_idx ON incidents
  (municipality_id, (floor(ST_X(geom) / 250)::int), (floor(ST_Y(geom) / 250)::int), occurred_to, occurred_from);

-- The planner estimates a cell's share of the incidents from statistics on the indexed expressions.
ANALYZE incidents;

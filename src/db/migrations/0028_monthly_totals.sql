-- Monthly totals per cell of every category, organisation and review status together, for the
-- heatmap and the hotspots over long periods.
--
-- The monthly rollups (migration 0024) keep the full key: at 10 million incidents a month's row per
-- 250 m cell, category, organisation, review status and visibility holds about two incidents, and a
-- two-year heatmap of Stockholm summed 1,070,000 of them (a second). The heatmap, the hotspots and a
-- view's count need none of those keys when the filter names none, and the reader may see every
-- report that is not restricted. These rows are summed over them: per calendar month of the start
-- and of the end of the window, per 50 m, 100 m and 250 m cell (cell_m), with the members' offsets
-- from the cell's corner summed. The 100 m cells are the hotspots' finest and the heatmap's at zoom 13:
-- in 50 m cells a two-year hotspot grid of Stockholm summed 938,000 rows, about two incidents a row. Restricted reports stay apart, one row per organisation
-- (organisation_id is the nil id for every other report), so the access policy's SQL
-- (src/db/access.ts) reads this table as it reads the incidents: a reader who sees every report or
-- its organisation's and every unrestricted one. A reader who sees only its own organisation's
-- reports, and a filter by category, organisation or review status, read the monthly rollups.
--
-- The applier adds every delta of the queue here as well, in the same transaction.

CREATE TABLE incident_month_totals (
  municipality_id text NOT NULL,
  cell_m          integer NOT NULL CHECK (cell_m IN (50, 100, 250)),
  month_from      date NOT NULL,
  month_to        date NOT NULL,
  cell_x          integer NOT NULL,
  cell_y          integer NOT NULL,
  organisation_id uuid NOT NULL,
  visibility      text NOT NULL,
  n               integer NOT NULL,
  sum_dx          double precision NOT NULL,
  sum_dy          double precision NOT NULL,
  PRIMARY KEY (municipality_id, cell_m, month_from, month_to, cell_x, cell_y, organisation_id, visibility) INCLUDE (n, sum_dx, sum_dy)
);
CREATE INDEX incident_month_totals_empty_idx ON incident_month_totals (municipality_id) WHERE n = 0;

-- What the daily rollups hold now; the deltas still queued reach this table when they are applied.
INSERT INTO incident_month_totals (municipality_id, cell_m, month_from, month_to, cell_x, cell_y, organisation_id, visibility, n, sum_dx, sum_dy)
SELECT municipality_id, 50, day_from - (extract(day FROM day_from)::int - 1), day_to - (extract(day FROM day_to)::int - 1), cell_x, cell_y,
       CASE WHEN visibility = 'restricted' THEN organisation_id ELSE '00000000-0000-0000-0000-000000000000'::uuid END, visibility,
       sum(n), sum(sum_dx), sum(sum_dy)
  FROM incident_cells
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
HAVING sum(n) <> 0;

-- The 100 m and 250 m cells (k 50 m cells wide) from the 50 m ones.
INSERT INTO incident_month_totals (municipality_id, cell_m, month_from, month_to, cell_x, cell_y, organisation_id, visibility, n, sum_dx, sum_dy)
SELECT municipality_id, 50 * g.k, month_from, month_to, floor(cell_x / g.k::float8)::int, floor(cell_y / g.k::float8)::int, organisation_id, visibility,
       sum(n), sum(sum_dx + (cell_x - floor(cell_x / g.k::float8) * g.k) * 50 * n), sum(sum_dy + (cell_y - floor(cell_y / g.k::float8) * g.k) * 50 * n)
  FROM incident_month_totals CROSS JOIN (VALUES (2), (5)) AS g(k)
 WHERE cell_m = 50
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
HAVING sum(n) <> 0;

ANALYZE incident_month_totals;

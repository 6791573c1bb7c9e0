-- Category totals of 100 m cells as well, per month, quarter and year, with an index that reads one
-- category's rows of a block apart from the others', for the hotspots and the heatmap of one or a
-- few categories.
--
-- Hotspots come in 100 m cells over the whole municipality, and the heatmap is drawn in 100 m cells
-- at zoom 13. With a category filter neither could read the category totals of 50 m cells (many
-- more rows) nor the 250 m ones, so they summed the daily rows: at 10 million incidents a two-year
-- hotspot grid of two categories over Stockholm and its neighbour read 483,000 of them (about 300
-- ms). A 100 m cell's year holds about a third of the rows of its 50 m cells' year and a sixth of its
-- daily rows.
--
-- The primary key orders a block's rows by cell, every category together: right for a map view,
-- which seeks its cells. A whole municipality (or a town's view) filtered by category would read
-- every category's rows of each block; the index below has the category first, for the cells of
-- 100 m, 250 m and 1 km (those of 50 m serve small views, whose filter by category reads the daily
-- rows). First, not after the municipality: a police area's municipalities come as a list, and
-- PostgreSQL 15 takes a second list (`category_id = ANY(...)`) on a later column into the index
-- condition only when it expects that to cost less than filtering. The municipality is a filter there.
--
-- The planner estimated a block read by equality (months = 12 AND month_from = month_to = a
-- year's first day) as a few rows, multiplying each column's share, where it holds tens of
-- thousands, and then preferred the primary key, reading every category. Statistics of the
-- combinations of cell size and block fix the estimate, here and in the monthly totals.

ALTER TABLE incident_category_totals DROP CONSTRAINT incident_category_totals_cell_m_check;
ALTER TABLE incident_category_totals ADD CONSTRAINT incident_category_totals_cell_m_check CHECK (cell_m IN (50, 100, 250, 1000));

-- The months (months = 0 and 1) from the 50 m cells, two of which make a 100 m cell: offsets from the larger cell's corner.
INSERT INTO incident_category_totals (municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, category_id, organisation_id, visibility, n, sum_dx, sum_dy)
SELECT municipality_id, 100, months, month_from, month_to, floor(cell_x / 2.0)::int, floor(cell_y / 2.0)::int, category_id, organisation_id, visibility,
       sum(n), sum(sum_dx + (cell_x - floor(cell_x / 2.0) * 2) * 50 * n), sum(sum_dy + (cell_y - floor(cell_y / 2.0) * 2) * 50 * n)
  FROM incident_category_totals
 WHERE cell_m = 50 AND months IN (0, 1)
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
HAVING sum(n) <> 0;

-- The quarters and years of the incidents within one month, from those months.
INSERT INTO incident_category_totals (municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, category_id, organisation_id, visibility, n, sum_dx, sum_dy)
SELECT t.municipality_id, 100, b.months, b.start, b.start, t.cell_x, t.cell_y, t.category_id, t.organisation_id, t.visibility, sum(t.n), sum(t.sum_dx), sum(t.sum_dy)
  FROM incident_category_totals t
 CROSS JOIN LATERAL (VALUES (3::smallint, date_trunc('quarter', t.month_from::timestamp)::date),
                            (12::smallint, date_trunc('year', t.month_from::timestamp)::date)) AS b(months, start)
 WHERE t.cell_m = 100 AND t.months = 1
 GROUP BY t.municipality_id, b.months, b.start, t.cell_x, t.cell_y, t.category_id, t.organisation_id, t.visibility
HAVING sum(t.n) <> 0;

CREATE INDEX incident_category_totals_category_idx ON incident_category_totals (category_id, cell_m, months, month_from, month_to, cell_x, cell_y)
  INCLUDE (municipality_id, organisation_id, visibility, n, sum_dx, sum_dy) WHERE cell_m IN (100, 250, 1000);

-- About a hundred blocks (months, quarters, years) per cell size: a list of 1,000 holds them all.
CREATE STATISTICS incident_category_totals_blocks (mcv) ON cell_m, months, month_from, month_to FROM incident_category_totals;
ALTER STATISTICS incident_category_totals_blocks SET STATISTICS 1000;
CREATE STATISTICS incident_month_totals_blocks (mcv) ON cell_m, months, month_from, month_to FROM incident_month_totals;
ALTER STATISTICS incident_month_totals_blocks SET STATISTICS 1000;

ANALYZE incident_month_totals;
ANALYZE incident_category_totals;

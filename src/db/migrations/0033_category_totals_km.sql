-- Category totals of 1 km cells as well, for the clusters of a whole town and region (zoom 10 and 11:
-- cells of 2 km and 1 km) and hotspot grids of 1 km filtered by category.
--
-- A two-year cluster view of Stockholm summed 317,000 rows of 250 m cells (migration 0030) at 10
-- million incidents, and the planner, which expected a few hundred of them (each block is read by
-- equality, and its estimate multiplies the months' with the cells'), sorted them all at once, on
-- disk. In 1 km cells the same view has about a fifth of them. Quarters and years as in the 250 m
-- cells (months = 3 and 12), every delta per month as there (months = 0 and 1).

ALTER TABLE incident_category_totals
  DROP CONSTRAINT incident_category_totals_cell_m_check,
  DROP CONSTRAINT incident_category_totals_check1;
ALTER TABLE incident_category_totals
  ADD CONSTRAINT incident_category_totals_cell_m_check CHECK (cell_m IN (50, 250, 1000)),
  ADD CONSTRAINT incident_category_totals_quarters_check CHECK (months <> 3 OR cell_m <> 50);

-- From the 250 m cells, four of which make a 1 km cell: offsets from the larger cell's corner.
INSERT INTO incident_category_totals (municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, category_id, organisation_id, visibility, n, sum_dx, sum_dy)
SELECT municipality_id, 1000, months, month_from, month_to, floor(cell_x / 4.0)::int, floor(cell_y / 4.0)::int, category_id, organisation_id, visibility,
       sum(n), sum(sum_dx + (cell_x - floor(cell_x / 4.0) * 4) * 250 * n), sum(sum_dy + (cell_y - floor(cell_y / 4.0) * 4) * 250 * n)
  FROM incident_category_totals
 WHERE cell_m = 250
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
HAVING sum(n) <> 0;

ANALYZE incident_category_totals;

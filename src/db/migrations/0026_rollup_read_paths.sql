-- Two ways for the planner to find the rollup rows a map view needs.
--
-- 1. The map's rollups by category first as well, for views of one or a few categories. The primary
--    keys (migration 0025) order the rows by period, then cell, then category: a view of one category
--    read every row of its period in the view and kept a fifth of them (klotter, the commonest). These
--    indexes hold the same columns with the category second, so such a view reads only its own
--    categories' rows, from the index alone (INCLUDE carries the rest). The planner takes them where
--    the category filter is the narrower condition; views of every category use the keys. Their cost
--    is one more index entry for each row the applier writes.
--
-- 2. Statistics on the length of each row's window. A period's rows whose window starts more than a
--    week before it are found through the partial *_long_idx indexes (day_to - day_from > 7). Without
--    statistics on that expression the planner guessed a third of all rows had such windows, priced
--    the partial index as that large, and read a year of the primary key instead: 260–450 ms for no
--    rows at 10 million incidents, where the partial index takes a millisecond.

CREATE INDEX incident_cells_category_idx ON incident_cells (municipality_id, category_id, day_from, day_to, cell_x, cell_y)
  INCLUDE (organisation_id, review_status, visibility, n, sum_dx, sum_dy);

CREATE INDEX incident_month_cells_category_idx ON incident_month_cells (municipality_id, category_id, month_from, month_to, cell_x, cell_y)
  INCLUDE (organisation_id, review_status, visibility, n, sum_dx, sum_dy);

CREATE STATISTICS incident_cells_span_stats ON (day_to - day_from) FROM incident_cells;
CREATE STATISTICS incident_days_span_stats ON (day_to - day_from) FROM incident_days;
CREATE STATISTICS incident_hours_span_stats ON (day_to - day_from) FROM incident_hours;
CREATE STATISTICS incident_places_span_stats ON (day_to - day_from) FROM incident_places;

-- Statistics are gathered by ANALYZE; autovacuum would get to a large table only after many changes.
ANALYZE incident_cells, incident_days, incident_hours, incident_places;

-- Totals per 50 m and 250 m cell and category over months, quarters and years, for the map's
-- clusters (and grids filtered by category) over long periods.
--
-- A cluster is coloured by its commonest category, so the clusters need a count per category and
-- cell: the monthly totals (migration 0028) cannot answer them, and they summed the monthly rollups
-- (migration 0024), which keep the organisation and the review status as well. At 10 million
-- incidents a two-year view of Stockholm at zoom 11 summed 1,070,000 of those rows (1.5 s). Here the
-- organisation and the status are summed over (restricted reports kept apart per organisation, as in
-- incident_month_totals, so that the access policy's SQL reads this table as it reads the incidents),
-- and the rows come in two cell sizes (cell_m: 250 m for views of a town, 50 m for smaller views,
-- whose edge would cut too many 250 m cells) and three lengths (`months`):
--
-- * 1: every incident, per calendar month of its window's start and of its end (month_from, month_to),
--   as the monthly rollups;
-- * 3 and 12: the incidents whose window starts and ends in the same month, per calendar quarter and
--   year (month_from = month_to = the quarter's or year's first day). In 50 m cells per year only:
--   there a quarter's rows are nearly as many as its three months'.
--
-- A period's whole quarters and years are read from their own rows, with the incidents that start in
-- them but end in another month from the monthly rows (the partial index below finds those few
-- without reading the rest); the months before and after from the monthly rows.
--
-- The applier adds every delta of the queue here as well, in the same transaction.

CREATE TABLE incident_category_totals (
  municipality_id text NOT NULL,
  cell_m          integer NOT NULL CHECK (cell_m IN (50, 250)),
  months          smallint NOT NULL CHECK (months IN (1, 3, 12)),
  month_from      date NOT NULL,
  month_to        date NOT NULL,
  cell_x          integer NOT NULL,
  cell_y          integer NOT NULL,
  category_id     uuid NOT NULL,
  organisation_id uuid NOT NULL,
  visibility      text NOT NULL,
  n               integer NOT NULL,
  sum_dx          double precision NOT NULL,
  sum_dy          double precision NOT NULL,
  CHECK (months = 1 OR month_to = month_from),
  CHECK (months <> 3 OR cell_m = 250),
  PRIMARY KEY (municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, category_id, organisation_id, visibility) INCLUDE (n, sum_dx, sum_dy)
);
CREATE INDEX incident_category_totals_empty_idx ON incident_category_totals (municipality_id) WHERE n = 0;
-- The monthly rows of incidents that end in a later month than they start: read for the quarters and
-- years, whose own rows hold only incidents within one month.
CREATE INDEX incident_category_totals_crossing_idx ON incident_category_totals (municipality_id, cell_m, month_from, month_to, cell_x, cell_y, category_id, organisation_id, visibility)
  INCLUDE (n, sum_dx, sum_dy) WHERE months = 1 AND month_to > month_from;

-- The months: of 250 m cells from the monthly rollups (the same cells and offsets), of 50 m cells
-- from the daily ones. The deltas still queued reach this table when they are applied.
INSERT INTO incident_category_totals (municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, category_id, organisation_id, visibility, n, sum_dx, sum_dy)
SELECT municipality_id, 250, 1, month_from, month_to, cell_x, cell_y, category_id,
       CASE WHEN visibility = 'restricted' THEN organisation_id ELSE '00000000-0000-0000-0000-000000000000'::uuid END, visibility,
       sum(n), sum(sum_dx), sum(sum_dy)
  FROM incident_month_cells
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
HAVING sum(n) <> 0;

INSERT INTO incident_category_totals (municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, category_id, organisation_id, visibility, n, sum_dx, sum_dy)
SELECT municipality_id, 50, 1, day_from - (extract(day FROM day_from)::int - 1), day_to - (extract(day FROM day_to)::int - 1), cell_x, cell_y, category_id,
       CASE WHEN visibility = 'restricted' THEN organisation_id ELSE '00000000-0000-0000-0000-000000000000'::uuid END, visibility,
       sum(n), sum(sum_dx), sum(sum_dy)
  FROM incident_cells
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
HAVING sum(n) <> 0;

-- The quarters (of 250 m cells) and years of the incidents within one month, from those months.
INSERT INTO incident_category_totals (municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, category_id, organisation_id, visibility, n, sum_dx, sum_dy)
SELECT municipality_id, cell_m, 3, date_trunc('quarter', month_from::timestamp)::date, date_trunc('quarter', month_from::timestamp)::date,
       cell_x, cell_y, category_id, organisation_id, visibility, sum(n), sum(sum_dx), sum(sum_dy)
  FROM incident_category_totals
 WHERE months = 1 AND month_to = month_from AND cell_m = 250
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
HAVING sum(n) <> 0
 UNION ALL
SELECT municipality_id, cell_m, 12, date_trunc('year', month_from::timestamp)::date, date_trunc('year', month_from::timestamp)::date,
       cell_x, cell_y, category_id, organisation_id, visibility, sum(n), sum(sum_dx), sum(sum_dy)
  FROM incident_category_totals
 WHERE months = 1 AND month_to = month_from
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
HAVING sum(n) <> 0;

ANALYZE incident_category_totals;

-- Monthly rollups beside the daily ones of migration 0012, for long periods over large areas.
--
-- At national scale the daily rollups hold about a row per incident (their key — day, 50 m cell,
-- category, organisation, status, visibility — is almost unique), so a year of a large town summed
-- about a million rows. These two tables hold the same counts per calendar month of the start and of
-- the end of the occurred window: incident_month_cells per 250 m cell (with the members' offsets from
-- that cell's corner summed), incident_months without a cell. A period's whole months are read from
-- them, and only the incidents that start before those months or end after them from the daily rows
-- (src/core/incidents/rollup-range.ts `wholeMonths`, src/db/repositories/rollups.ts).
--
-- The applier moves every delta of the queue into these as well, in the same transaction.

CREATE TABLE incident_month_cells (
  municipality_id text NOT NULL,
  month_from      date NOT NULL,
  month_to        date NOT NULL,
  cell_x          integer NOT NULL,
  cell_y          integer NOT NULL,
  category_id     uuid NOT NULL,
  organisation_id uuid NOT NULL,
  review_status   text NOT NULL,
  visibility      text NOT NULL,
  n               integer NOT NULL,
  sum_dx          double precision NOT NULL,
  sum_dy          double precision NOT NULL,
  PRIMARY KEY (municipality_id, month_from, month_to, cell_x, cell_y, category_id, organisation_id, review_status, visibility)
);
CREATE INDEX incident_month_cells_empty_idx ON incident_month_cells (municipality_id) WHERE n = 0;

CREATE TABLE incident_months (
  municipality_id text NOT NULL,
  month_from      date NOT NULL,
  month_to        date NOT NULL,
  category_id     uuid NOT NULL,
  organisation_id uuid NOT NULL,
  review_status   text NOT NULL,
  visibility      text NOT NULL,
  n               integer NOT NULL,
  PRIMARY KEY (municipality_id, month_from, month_to, category_id, organisation_id, review_status, visibility)
);
CREATE INDEX incident_months_empty_idx ON incident_months (municipality_id) WHERE n = 0;

-- What the daily rollups hold now; the deltas still queued reach both levels when they are applied.
INSERT INTO incident_month_cells (municipality_id, month_from, month_to, cell_x, cell_y, category_id, organisation_id, review_status, visibility, n, sum_dx, sum_dy)
SELECT municipality_id, day_from - (extract(day FROM day_from)::int - 1), day_to - (extract(day FROM day_to)::int - 1),
       floor(cell_x / 5.0)::int, floor(cell_y / 5.0)::int, category_id, organisation_id, review_status, visibility,
       sum(n), sum(sum_dx + (cell_x - floor(cell_x / 5.0) * 5) * 50 * n), sum(sum_dy + (cell_y - floor(cell_y / 5.0) * 5) * 50 * n)
  FROM incident_cells
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
HAVING sum(n) <> 0;

INSERT INTO incident_months (municipality_id, month_from, month_to, category_id, organisation_id, review_status, visibility, n)
SELECT municipality_id, day_from - (extract(day FROM day_from)::int - 1), day_to - (extract(day FROM day_to)::int - 1), category_id, organisation_id, review_status, visibility, sum(n)
  FROM incident_days
 GROUP BY 1, 2, 3, 4, 5, 6, 7
HAVING sum(n) <> 0;

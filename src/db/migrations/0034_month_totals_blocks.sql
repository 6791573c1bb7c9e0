-- The monthly totals (migration 0028) per quarter and year as well, as the category totals are
-- (migrations 0030 and 0031), for the heatmap, the clusters without a category and the hotspots over
-- long periods.
--
-- A two-year hotspot grid of Stockholm in 100 m cells summed 440,000 monthly rows at 10 million
-- incidents (about 300 ms): each of the 24 months holds nearly every cell of the municipality again.
-- A year's row per cell holds its twelve months': in 100 m cells a year of Stockholm has 27,000 rows
-- where its months have 208,000; in 50 m cells 82,000 where they have 400,000; a quarter about half
-- of its three months' in every size, so quarters are kept in every size.
--
-- `months`, as in the category totals: 0 for the rows of incidents whose window ends in a later
-- month than it starts (per month of its start and of its end), 1 for those within one month (per
-- month), 3 and 12 for the latter per calendar quarter and year (month_from = month_to = the block's
-- first day). A period's whole quarters and years read their own rows, its other whole months their
-- monthly rows, and the crossing rows of all of them in one read; each by equality on the block, so
-- the primary key seeks the view's cells within it.
--
-- The applier adds every delta of the queue to each length, in the same transaction.

ALTER TABLE incident_month_totals ADD COLUMN months smallint NOT NULL DEFAULT 1;
UPDATE incident_month_totals SET months = 0 WHERE month_to > month_from;
ALTER TABLE incident_month_totals ALTER COLUMN months DROP DEFAULT;
ALTER TABLE incident_month_totals
  ADD CONSTRAINT incident_month_totals_months_check CHECK (months IN (0, 1, 3, 12)),
  ADD CONSTRAINT incident_month_totals_crossing_check CHECK ((months = 0) = (month_to > month_from) AND month_to >= month_from);

ALTER TABLE incident_month_totals DROP CONSTRAINT incident_month_totals_pkey;
ALTER TABLE incident_month_totals ADD PRIMARY KEY (municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, organisation_id, visibility) INCLUDE (n, sum_dx, sum_dy);

-- The quarters and years of the incidents within one month, from those months.
INSERT INTO incident_month_totals (municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, organisation_id, visibility, n, sum_dx, sum_dy)
SELECT t.municipality_id, t.cell_m, b.months, b.start, b.start, t.cell_x, t.cell_y, t.organisation_id, t.visibility, sum(t.n), sum(t.sum_dx), sum(t.sum_dy)
  FROM incident_month_totals t
 CROSS JOIN LATERAL (VALUES (3::smallint, date_trunc('quarter', t.month_from::timestamp)::date),
                            (12::smallint, date_trunc('year', t.month_from::timestamp)::date)) AS b(months, start)
 WHERE t.months = 1
 GROUP BY t.municipality_id, t.cell_m, b.months, b.start, t.cell_x, t.cell_y, t.organisation_id, t.visibility
HAVING sum(t.n) <> 0;

ANALYZE incident_month_totals;

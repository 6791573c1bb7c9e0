-- The category totals' rows of incidents whose window ends in a later month than it starts get a
-- length of their own, months = 0, instead of sharing months = 1 with those within one month.
--
-- A period's whole quarters and years read their own rows (migration 0030) and, besides, the monthly
-- rows of the incidents that start in them and end in a later month. Those were found through a
-- partial index of their own, but the planner of PostgreSQL 15, given a category filter, preferred to
-- read every monthly row of the blocks through the primary key and filter them: at 10 million
-- incidents 165 ms of a 300 ms two-year hotspot grid, for 1,811 rows. Under a length of their own the
-- primary key seeks them directly, and the months' own reads no longer pass over them.
--
-- months = 0: every incident whose window crosses a month's end, per month of its start and of its
-- end (month_to > month_from); 1: those within one month, per month; 3 and 12 as before.

DROP INDEX incident_category_totals_crossing_idx;
ALTER TABLE incident_category_totals
  DROP CONSTRAINT incident_category_totals_check,
  DROP CONSTRAINT incident_category_totals_months_check;
UPDATE incident_category_totals SET months = 0 WHERE months = 1 AND month_to > month_from;
ALTER TABLE incident_category_totals
  ADD CONSTRAINT incident_category_totals_months_check CHECK (months IN (0, 1, 3, 12)),
  ADD CONSTRAINT incident_category_totals_crossing_check CHECK ((months = 0) = (month_to > month_from) AND month_to >= month_from);

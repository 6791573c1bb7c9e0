-- Every rollup's primary key carries its sums as well (INCLUDE), so a read of the rollups is an
-- index-only scan: the key's order is the read's order, and the rows themselves need not be visited.
--
-- The rollups are upserted in place, so their rows lie in the table in the order they were first
-- written, not in the key's: a two-year view read about one table page per row (150,000 rows, 150,000
-- page visits at a million incidents). From the index alone it reads a few thousand pages, three
-- times faster for the same rows (bench/README.md, "covering keys"). Updates cost no more than
-- before: each one changes n, which the partial indexes on n = 0 already index, so none was HOT.
-- Pages still being written to are visited as before until (auto)vacuum marks them all-visible; the
-- embedded engine's applier vacuums them itself (src/services/rollup-applier.ts).
--
-- The key columns are unchanged, so the applier's ON CONFLICT finds the same key.

ALTER TABLE incident_cells DROP CONSTRAINT incident_cells_pkey;
ALTER TABLE incident_cells ADD PRIMARY KEY (municipality_id, day_from, day_to, cell_x, cell_y, category_id, organisation_id, review_status, visibility)
  INCLUDE (n, sum_dx, sum_dy);

ALTER TABLE incident_days DROP CONSTRAINT incident_days_pkey;
ALTER TABLE incident_days ADD PRIMARY KEY (municipality_id, day_from, day_to, category_id, organisation_id, review_status, visibility)
  INCLUDE (n);

ALTER TABLE incident_hours DROP CONSTRAINT incident_hours_pkey;
ALTER TABLE incident_hours ADD PRIMARY KEY (municipality_id, day_from, day_to, hour, category_id, organisation_id, review_status, visibility)
  INCLUDE (n);

ALTER TABLE incident_places DROP CONSTRAINT incident_places_pkey;
ALTER TABLE incident_places ADD PRIMARY KEY (municipality_id, day_from, day_to, place_id, place_name, category_id, organisation_id, review_status, visibility)
  INCLUDE (n);

ALTER TABLE incident_month_cells DROP CONSTRAINT incident_month_cells_pkey;
ALTER TABLE incident_month_cells ADD PRIMARY KEY (municipality_id, month_from, month_to, cell_x, cell_y, category_id, organisation_id, review_status, visibility)
  INCLUDE (n, sum_dx, sum_dy);

ALTER TABLE incident_months DROP CONSTRAINT incident_months_pkey;
ALTER TABLE incident_months ADD PRIMARY KEY (municipality_id, month_from, month_to, category_id, organisation_id, review_status, visibility)
  INCLUDE (n);

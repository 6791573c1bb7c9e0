-- The rollup tables are vacuumed after a fixed number of changed rows rather than a fifth of the table.
--
-- The applier changes rollup rows in place, and each change clears its page's all-visible bit; every
-- read of the map is an index-only scan that must then fetch that page's rows from the table. By
-- default autovacuum waits until a fifth of a table has changed: at 10 million incidents the monthly
-- totals hold 21 million rows, so their pages of the current months and year, the ones nearly every
-- view reads, went unvacuumed for as long as it takes to change four million. Measured there: 47 % of
-- the monthly totals' pages were not all-visible, a month's read fetched 6,000 rows from the table
-- and took two to four times as long, and a two-year hotspot grid's query took 129 ms, 108 ms after
-- a vacuum. Vacuum visits only the pages changed since the last one.
--
-- The embedded engine has no autovacuum (the applier vacuums it); on Citus the settings reach every
-- shard, and the thresholds are per shard.

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['incident_cells', 'incident_days', 'incident_hours', 'incident_places', 'incident_month_cells',
      'incident_months', 'incident_month_totals', 'incident_month_hours', 'incident_month_places', 'incident_category_totals'] LOOP
    EXECUTE format('ALTER TABLE %I SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000,
      autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 20000)', t);
  END LOOP;
END $$;

-- The monthly and category totals change their counts in place (HOT updates), and the category
-- totals of 50 m cells get a table of their own, so that each kind of read finds its rows together.
--
-- The applier adds every report to about eight category-total and six monthly-total rows. Their
-- counts were INCLUDEd in the indexes (for index-only reads), so each change wrote a new entry in
-- every index, and vacuum read every index whole: at 10,000,000 incidents those two statements were
-- 0.35 ms of a report's 1.2–1.4 ms in the database, no update was HOT, and the reports a second fell
-- run after run until a VACUUM (bench/README.md, "scale at 10,000,000 on both engines: reports at
-- 10,000 places"). With the counts in the table alone, no index column changes; with a fifth of each
-- page free (fillfactor 80) the new version of a row fits beside the old one, and the change is a
-- HOT update that writes no index. The partial indexes `WHERE n = 0` go too: on PostgreSQL 15 a
-- column in an index's predicate blocks HOT as an indexed column does. The applier now finds the rows
-- its negative deltas emptied by their keys (src/db/repositories/rollups.ts).
--
-- Without index-only reads a read fetches its rows from the table, and it is as quick only where the
-- rows it wants lie together: the tables are written here in the order of the index their reads take.
-- Two kinds of read want the category totals in two orders. The points of every category in a view
-- (clusters of 50 m cells, on a street or a neighbourhood) seek neighbouring cells; the hotspots and
-- the heatmap of a few categories over a whole municipality want one category's rows of a block
-- together. In one table the planner chose the wrong index for one of them in each layout tried. So:
--
-- * incident_category_totals_50m: the 50 m cells (what the points and small views read), in cell
--   order. The same columns as the coarser table (cell_m is always 50), so the applier's rows and
--   the reads are one SQL for both.
-- * incident_category_totals: the 100 m, 250 m and 1 km cells, in category order within each
--   municipality's block, found by category through the category index. That index now starts with
--   the municipality: without the counts the municipality can no longer be a filter on the index's
--   own columns, and reading every municipality's rows of a category from the table to filter them
--   cost more than the primary key's scan, which the planner then took.
--
-- New rows (a new month's, a cell's first report) go where a page has more room than the fifth kept
-- for changes: the table's rows are rarely deleted, so that is mostly its end, where the rows of the
-- days since the last rewrite lie together, every municipality's mixed. A rebuild of a
-- municipality's rollups (`lagesbild rollups rebuild`) writes them in order again.

-- The monthly totals.
ALTER TABLE incident_month_totals SET (fillfactor = 80);
DROP INDEX incident_month_totals_empty_idx;
ALTER TABLE incident_month_totals DROP CONSTRAINT incident_month_totals_pkey;
ALTER TABLE incident_month_totals ADD CONSTRAINT incident_month_totals_pkey
  PRIMARY KEY (municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, organisation_id, visibility);

-- The category totals: the 50 m cells and the coarser ones in new tables, each written in its read's
-- order. Copied rather than deleted and rewritten in place: a rewrite in the transaction of the
-- deletion copies the deleted rows as well, and leaves their space as holes once vacuumed.
ALTER TABLE incident_category_totals RENAME TO incident_category_totals_0039;
ALTER INDEX incident_category_totals_pkey RENAME TO incident_category_totals_0039_pkey;
DROP INDEX incident_category_totals_empty_idx;
DROP INDEX incident_category_totals_category_idx;
DROP STATISTICS incident_category_totals_blocks;

-- The columns as they were (LIKE copies them with their NOT NULL, nothing else).
CREATE TABLE incident_category_totals_50m (
  LIKE incident_category_totals_0039,
  CONSTRAINT incident_category_totals_50m_cell_m_check CHECK (cell_m = 50),
  CONSTRAINT incident_category_totals_50m_months_check CHECK (months IN (0, 1, 12)),
  CONSTRAINT incident_category_totals_50m_crossing_check CHECK ((months = 0) = (month_to > month_from) AND month_to >= month_from),
  CONSTRAINT incident_category_totals_50m_pkey
    PRIMARY KEY (municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, category_id, organisation_id, visibility)
) WITH (fillfactor = 80, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000,
        autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 20000);

CREATE TABLE incident_category_totals (
  LIKE incident_category_totals_0039,
  CONSTRAINT incident_category_totals_cell_m_check CHECK (cell_m IN (100, 250, 1000)),
  CONSTRAINT incident_category_totals_months_check CHECK (months IN (0, 1, 3, 12)),
  CONSTRAINT incident_category_totals_crossing_check CHECK ((months = 0) = (month_to > month_from) AND month_to >= month_from),
  CONSTRAINT incident_category_totals_pkey
    PRIMARY KEY (municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, category_id, organisation_id, visibility)
) WITH (fillfactor = 80, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000,
        autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 20000);

INSERT INTO incident_category_totals_50m (municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, category_id, organisation_id, visibility, n, sum_dx, sum_dy)
SELECT municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, category_id, organisation_id, visibility, n, sum_dx, sum_dy
  FROM incident_category_totals_0039
 WHERE cell_m = 50
 ORDER BY municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, category_id, organisation_id, visibility;

INSERT INTO incident_category_totals (municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, category_id, organisation_id, visibility, n, sum_dx, sum_dy)
SELECT municipality_id, cell_m, months, month_from, month_to, cell_x, cell_y, category_id, organisation_id, visibility, n, sum_dx, sum_dy
  FROM incident_category_totals_0039
 WHERE cell_m <> 50
 ORDER BY municipality_id, cell_m, months, month_from, month_to, category_id, cell_x, cell_y, organisation_id, visibility;

CREATE INDEX incident_category_totals_category_idx
  ON incident_category_totals (municipality_id, cell_m, months, month_from, month_to, category_id, cell_x, cell_y);

DROP TABLE incident_category_totals_0039;

-- The monthly totals' rows in their primary key's order (and their pages 80 % full). CLUSTER is
-- PostgreSQL's own; on a Citus coordinator the table is distributed, and its shards keep the order
-- they have.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    CLUSTER incident_month_totals USING incident_month_totals_pkey;
  END IF;
END $$;

-- About a hundred blocks per cell size: a list of 1,000 holds them all (as migration 0035).
CREATE STATISTICS incident_category_totals_blocks (mcv) ON cell_m, months, month_from, month_to FROM incident_category_totals;
ALTER STATISTICS incident_category_totals_blocks SET STATISTICS 1000;
CREATE STATISTICS incident_category_totals_50m_blocks (mcv) ON months, month_from, month_to FROM incident_category_totals_50m;
ALTER STATISTICS incident_category_totals_50m_blocks SET STATISTICS 1000;

ANALYZE incident_month_totals;
ANALYZE incident_category_totals;
ANALYZE incident_category_totals_50m;

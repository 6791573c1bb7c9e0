-- The map's and the side panel's aggregates, kept in the database instead of in every server process.
--
-- Four rollup tables hold counts of incidents per municipality, local day (Europe/Stockholm) of the
-- start and of the end of the occurred window, and the keys the filters and the access policy use
-- (category, organisation, review status, visibility): incident_cells per 50 m cell of SWEREF 99 TM
-- (with the members' offsets from the cell's corner summed, for the clusters' mean position), incident_days
-- the same without the cell,
-- incident_hours per local hour of the start (the weekday follows from the day) and incident_places
-- per named place or free-text place name. A period of whole local days [F, T) overlaps an incident
-- exactly when day_to >= F and day_from < T, so every count of the app is a sum over these rows.
--
-- Triggers on incidents write each change as deltas (-1 for the old version, +1 for the new) into
-- incident_rollup_queue in the writer's own transaction. The deltas become visible when, and only
-- when, that transaction commits, however long it stayed open: the queue is read by transaction
-- visibility, never by a time window. An applier (any server process; one at a time under an advisory
-- lock) moves visible deltas into the rollups and deletes them in one transaction, so in every snapshot
-- rollups + queued deltas count exactly the committed incidents; readers add the queued deltas.
-- Rows are found by (municipality, day_from): a period [F, T) reads day_from in [F - 7, T), and the
-- few incidents whose window spans more than seven days through the partial *_long_idx indexes.
-- A place's name is not copied into the rollups (only its id), so renaming a place needs no delta.

CREATE TABLE incident_rollup_queue (
  municipality_id text NOT NULL,
  seq             bigserial,
  -- The writing transaction: the applier takes the oldest transactions' deltas first.
  xid             xid8 NOT NULL DEFAULT pg_current_xact_id(),
  sign            smallint NOT NULL CHECK (sign IN (-1, 1)),
  day_from        date NOT NULL,
  day_to          date NOT NULL,
  cell_x          integer NOT NULL,
  cell_y          integer NOT NULL,
  dx              double precision NOT NULL,
  dy              double precision NOT NULL,
  hour            smallint NOT NULL,
  category_id     uuid NOT NULL,
  organisation_id uuid NOT NULL,
  review_status   text NOT NULL,
  visibility      text NOT NULL,
  place_id        uuid NOT NULL,
  place_name      text NOT NULL,
  PRIMARY KEY (municipality_id, seq)
);

CREATE TABLE incident_cells (
  municipality_id text NOT NULL,
  day_from        date NOT NULL,
  day_to          date NOT NULL,
  cell_x          integer NOT NULL,
  cell_y          integer NOT NULL,
  category_id     uuid NOT NULL,
  organisation_id uuid NOT NULL,
  review_status   text NOT NULL,
  visibility      text NOT NULL,
  n               integer NOT NULL,
  sum_dx          double precision NOT NULL,
  sum_dy          double precision NOT NULL,
  PRIMARY KEY (municipality_id, day_from, day_to, cell_x, cell_y, category_id, organisation_id, review_status, visibility)
);
CREATE INDEX incident_cells_empty_idx ON incident_cells (municipality_id) WHERE n = 0;
CREATE INDEX incident_cells_long_idx ON incident_cells (municipality_id, day_to) WHERE day_to - day_from > 7;

-- The same without the cell: the side panel's counts and weeks over a whole municipality read about
-- one row per key and day instead of one per incident.
CREATE TABLE incident_days (
  municipality_id text NOT NULL,
  day_from        date NOT NULL,
  day_to          date NOT NULL,
  category_id     uuid NOT NULL,
  organisation_id uuid NOT NULL,
  review_status   text NOT NULL,
  visibility      text NOT NULL,
  n               integer NOT NULL,
  PRIMARY KEY (municipality_id, day_from, day_to, category_id, organisation_id, review_status, visibility)
);
CREATE INDEX incident_days_empty_idx ON incident_days (municipality_id) WHERE n = 0;
CREATE INDEX incident_days_long_idx ON incident_days (municipality_id, day_to) WHERE day_to - day_from > 7;

CREATE TABLE incident_hours (
  municipality_id text NOT NULL,
  day_from        date NOT NULL,
  day_to          date NOT NULL,
  hour            smallint NOT NULL,
  category_id     uuid NOT NULL,
  organisation_id uuid NOT NULL,
  review_status   text NOT NULL,
  visibility      text NOT NULL,
  n               integer NOT NULL,
  PRIMARY KEY (municipality_id, day_from, day_to, hour, category_id, organisation_id, review_status, visibility)
);
CREATE INDEX incident_hours_empty_idx ON incident_hours (municipality_id) WHERE n = 0;
CREATE INDEX incident_hours_long_idx ON incident_hours (municipality_id, day_to) WHERE day_to - day_from > 7;

-- place_id is the nil UUID and place_name '' where there is none; rows without either are not kept.
CREATE TABLE incident_places (
  municipality_id text NOT NULL,
  day_from        date NOT NULL,
  day_to          date NOT NULL,
  place_id        uuid NOT NULL,
  place_name      text NOT NULL,
  category_id     uuid NOT NULL,
  organisation_id uuid NOT NULL,
  review_status   text NOT NULL,
  visibility      text NOT NULL,
  n               integer NOT NULL,
  PRIMARY KEY (municipality_id, day_from, day_to, place_id, place_name, category_id, organisation_id, review_status, visibility)
);
CREATE INDEX incident_places_empty_idx ON incident_places (municipality_id) WHERE n = 0;
CREATE INDEX incident_places_long_idx ON incident_places (municipality_id, day_to) WHERE day_to - day_from > 7;

-- The rollup keys of an incident row as a delta: the cell is the floor of the coordinate over 50 m, as
-- the grid queries compute it. A row trigger with the values written out: on Citus it runs on each
-- shard and its insert goes to the queue's co-located shard (a statement trigger's transition table
-- cannot be read by a distributed insert).
CREATE FUNCTION incidents_to_rollup_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only a change of a counted column (a new description or assessment changes no count).
  IF TG_OP = 'UPDATE'
     AND (OLD.municipality_id, OLD.occurred_from, OLD.occurred_to, OLD.category_id, OLD.organisation_id, OLD.review_status, OLD.visibility, OLD.place_id, OLD.place_name)
         IS NOT DISTINCT FROM (NEW.municipality_id, NEW.occurred_from, NEW.occurred_to, NEW.category_id, NEW.organisation_id, NEW.review_status, NEW.visibility, NEW.place_id, NEW.place_name)
     AND ST_OrderingEquals(OLD.geom, NEW.geom) THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO incident_rollup_queue (municipality_id, sign, day_from, day_to, cell_x, cell_y, dx, dy, hour, category_id, organisation_id, review_status, visibility, place_id, place_name)
    VALUES (OLD.municipality_id, -1,
      (OLD.occurred_from AT TIME ZONE 'Europe/Stockholm')::date, (OLD.occurred_to AT TIME ZONE 'Europe/Stockholm')::date,
      floor(ST_X(OLD.geom) / 50)::int, floor(ST_Y(OLD.geom) / 50)::int,
      ST_X(OLD.geom) - floor(ST_X(OLD.geom) / 50) * 50, ST_Y(OLD.geom) - floor(ST_Y(OLD.geom) / 50) * 50,
      extract(hour FROM OLD.occurred_from AT TIME ZONE 'Europe/Stockholm')::smallint,
      OLD.category_id, OLD.organisation_id, OLD.review_status, OLD.visibility,
      COALESCE(OLD.place_id, '00000000-0000-0000-0000-000000000000'::uuid),
      CASE WHEN OLD.place_id IS NULL THEN COALESCE(trim(OLD.place_name), '') ELSE '' END);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO incident_rollup_queue (municipality_id, sign, day_from, day_to, cell_x, cell_y, dx, dy, hour, category_id, organisation_id, review_status, visibility, place_id, place_name)
    VALUES (NEW.municipality_id, 1,
      (NEW.occurred_from AT TIME ZONE 'Europe/Stockholm')::date, (NEW.occurred_to AT TIME ZONE 'Europe/Stockholm')::date,
      floor(ST_X(NEW.geom) / 50)::int, floor(ST_Y(NEW.geom) / 50)::int,
      ST_X(NEW.geom) - floor(ST_X(NEW.geom) / 50) * 50, ST_Y(NEW.geom) - floor(ST_Y(NEW.geom) / 50) * 50,
      extract(hour FROM NEW.occurred_from AT TIME ZONE 'Europe/Stockholm')::smallint,
      NEW.category_id, NEW.organisation_id, NEW.review_status, NEW.visibility,
      COALESCE(NEW.place_id, '00000000-0000-0000-0000-000000000000'::uuid),
      CASE WHEN NEW.place_id IS NULL THEN COALESCE(trim(NEW.place_name), '') ELSE '' END);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER incidents_rollup AFTER INSERT OR UPDATE OR DELETE ON incidents
  FOR EACH ROW EXECUTE FUNCTION incidents_to_rollup_queue();

-- The incidents stored before this migration, queued for the applier like any other change.
INSERT INTO incident_rollup_queue (municipality_id, sign, day_from, day_to, cell_x, cell_y, dx, dy, hour, category_id, organisation_id, review_status, visibility, place_id, place_name)
SELECT r.municipality_id, r.sign,
           (r.occurred_from AT TIME ZONE 'Europe/Stockholm')::date, (r.occurred_to AT TIME ZONE 'Europe/Stockholm')::date,
           floor(ST_X(r.geom) / 50)::int, floor(ST_Y(r.geom) / 50)::int,
           ST_X(r.geom) - floor(ST_X(r.geom) / 50) * 50, ST_Y(r.geom) - floor(ST_Y(r.geom) / 50) * 50,
           extract(hour FROM r.occurred_from AT TIME ZONE 'Europe/Stockholm')::smallint,
           r.category_id, r.organisation_id, r.review_status, r.visibility,
           COALESCE(r.place_id, '00000000-0000-0000-0000-000000000000'::uuid),
           CASE WHEN r.place_id IS NULL THEN COALESCE(trim(r.place_name), '') ELSE '' END
  FROM (SELECT i.*, 1::smallint AS sign FROM incidents i) r;

-- Changes were found by updated_at before (and missed when a transaction took long to commit); no
-- query reads it by time any more, and every write paid for the index.
DROP INDEX IF EXISTS incidents_updated_at_idx;

-- Deleting an incident checks that no other is marked a duplicate of it: without this index each
-- deleted row scanned every incident.
CREATE INDEX incidents_duplicate_of_idx ON incidents (duplicate_of) WHERE duplicate_of IS NOT NULL;

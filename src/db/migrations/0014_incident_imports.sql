-- Incidents imported from a municipality's own files (issue 15): each import is recorded with its
-- file, who ran it and what came of it; its incidents point at it (provenance), carry the file's
-- own id for the row, and a key that makes a second import of the same rows find them.
CREATE TABLE incident_imports (
  municipality_id        text NOT NULL REFERENCES municipalities(id),
  id                     uuid NOT NULL,
  file_name              text NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 255),
  format                 text NOT NULL CHECK (format IN ('csv', 'xlsx', 'geojson')),
  created_by             uuid REFERENCES users(id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  status                 text NOT NULL CHECK (status IN ('running', 'done', 'failed', 'undone')),
  mapping                jsonb NOT NULL,
  rows_total             integer NOT NULL DEFAULT 0,
  rows_imported          integer NOT NULL DEFAULT 0,
  rows_already_imported  integer NOT NULL DEFAULT 0,
  rows_rejected          integer NOT NULL DEFAULT 0,
  -- A failed import's reasons, or the rows skipped with skipInvalid (at most 200, with row, column, value).
  errors                 jsonb NOT NULL DEFAULT '[]'::jsonb,
  finished_at            timestamptz,
  undone_at              timestamptz,
  undone_by              uuid REFERENCES users(id),
  PRIMARY KEY (municipality_id, id)
);
CREATE INDEX incident_imports_created_idx ON incident_imports (municipality_id, created_at DESC);

-- A deployment already spread over a Citus cluster gets the new table distributed before the
-- incidents point at it (a fresh one is placed by `lagesbild migrate` after the migrations).
DO $$
BEGIN
  -- Nested: PL/pgSQL plans a condition when it reaches it, and pg_dist_partition exists only with Citus.
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    IF EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'incidents'::regclass) THEN
      PERFORM create_distributed_table('incident_imports', 'municipality_id', colocate_with => 'incidents');
    END IF;
  END IF;
END $$;

-- The key is 'id:' and the file's id, or 'fp:' and a fingerprint of the row's values: unique per
-- municipality, so the same row imported twice is found, and an undone import frees its keys.
ALTER TABLE incidents
  ADD COLUMN import_id uuid,
  ADD COLUMN external_id text CHECK (char_length(external_id) <= 200),
  ADD COLUMN import_key text CHECK (char_length(import_key) <= 300),
  ADD CONSTRAINT incidents_import_id_fkey FOREIGN KEY (municipality_id, import_id) REFERENCES incident_imports (municipality_id, id);
CREATE UNIQUE INDEX incidents_import_key_idx ON incidents (municipality_id, import_key) WHERE import_key IS NOT NULL;
CREATE INDEX incidents_import_idx ON incidents (municipality_id, import_id) WHERE import_id IS NOT NULL;

-- Mappings saved by name for the next file of the same kind.
CREATE TABLE import_mappings (
  municipality_id  text NOT NULL REFERENCES municipalities(id),
  id               uuid NOT NULL,
  name             text NOT NULL CHECK (char_length(btrim(name)) BETWEEN 1 AND 100),
  mapping          jsonb NOT NULL,
  updated_by       uuid REFERENCES users(id),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, name)
);
DO $$
BEGIN
  -- Nested: PL/pgSQL plans a condition when it reaches it, and pg_dist_partition exists only with Citus.
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    IF EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'incidents'::regclass) THEN
      PERFORM create_distributed_table('import_mappings', 'municipality_id', colocate_with => 'incidents');
    END IF;
  END IF;
END $$;

-- Undoing an import removes its incidents, and with them their history: the history stays
-- append-only for every statement aimed at it, and lets through only the rows a deleted incident
-- takes with it (a cascade runs one trigger level down). Retention will remove incidents the same way.
ALTER TABLE incident_history DROP CONSTRAINT incident_history_incident_id_fkey,
  ADD CONSTRAINT incident_history_incident_id_fkey FOREIGN KEY (municipality_id, incident_id) REFERENCES incidents (municipality_id, id) ON DELETE CASCADE;
CREATE OR REPLACE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND TG_TABLE_NAME LIKE 'incident\_history%' AND pg_trigger_depth() > 1 THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;

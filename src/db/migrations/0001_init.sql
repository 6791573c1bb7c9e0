-- The EST data model. Runs unchanged on PostgreSQL 15 / PostGIS 3.3 and on PGlite (PostgreSQL 18 /
-- PostGIS 3.6). Geometry is stored in SWEREF 99 TM (EPSG:3006). Every table carries the
-- municipality it belongs to (the tenant key, and the distribution column if this ever runs on Citus).

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE municipalities (
  id            text PRIMARY KEY CHECK (id ~ '^[0-9]{4}$'),   -- SCB kommunkod, e.g. 1489 Alingsås
  name          text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  geom          geometry(MultiPolygon, 3006) NOT NULL,
  settings      jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX municipalities_geom_idx ON municipalities USING gist (geom);

CREATE TABLE organisations (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id text NOT NULL REFERENCES municipalities(id),
  name            text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  short_name      text CHECK (char_length(short_name) <= 50),
  kind            text NOT NULL CHECK (kind IN ('forvaltning', 'kommunalt_bolag', 'forbund', 'polis',
                    'region_vard', 'bevakningsforetag', 'civilsamhalle', 'ovrig')),
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, name)
);

CREATE TABLE users (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id text NOT NULL REFERENCES municipalities(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  email           text NOT NULL CHECK (email = lower(email) AND char_length(email) BETWEEN 3 AND 254),
  name            text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  password_hash   text,
  roles           text[] NOT NULL CHECK (cardinality(roles) >= 1 AND
                    roles <@ ARRAY['reporter', 'coordinator', 'areaGroup', 'viewer', 'admin']::text[]),
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  last_login_at   timestamptz
);
CREATE UNIQUE INDEX users_email_idx ON users (email);
CREATE INDEX users_organisation_idx ON users (organisation_id);

-- Access to further municipalities (a police area serves two; a regional analyst reads several).
CREATE TABLE user_municipality_grants (
  user_id         uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  municipality_id text NOT NULL REFERENCES municipalities(id),
  granted_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, municipality_id)
);

-- Server-side sessions: the cookie carries a random token, the table only its SHA-256, so a copy
-- of the database cannot be used to log in.
CREATE TABLE sessions (
  id              text PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities(id),
  user_id         uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_seen_at    timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE categories (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id text NOT NULL REFERENCES municipalities(id),
  parent_id       uuid REFERENCES categories(id),
  code            text NOT NULL CHECK (code ~ '^[a-z0-9_]+(\.[a-z0-9_]+)*$'),
  name_sv         text NOT NULL CHECK (char_length(name_sv) BETWEEN 1 AND 100),
  name_en         text NOT NULL CHECK (char_length(name_en) BETWEEN 1 AND 100),
  colour          text NOT NULL CHECK (colour ~ '^#[0-9a-fA-F]{6}$'),
  icon            text NOT NULL CHECK (char_length(icon) BETWEEN 1 AND 60),
  sort_order      integer NOT NULL DEFAULT 0,
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, code),
  CHECK (parent_id IS NULL OR parent_id <> id)
);

CREATE TABLE areas (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id text NOT NULL REFERENCES municipalities(id),
  kind            text NOT NULL CHECK (kind IN ('district', 'deso', 'area_group', 'other')),
  name            text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  code            text CHECK (char_length(code) <= 50),
  geom            geometry(MultiPolygon, 3006) NOT NULL CHECK (ST_IsValid(geom)),
  properties      jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_by      uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX areas_geom_idx ON areas USING gist (geom);
CREATE INDEX areas_municipality_idx ON areas (municipality_id, kind);

CREATE TABLE places (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id text NOT NULL REFERENCES municipalities(id),
  name            text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  kind            text NOT NULL DEFAULT 'other' CHECK (char_length(kind) BETWEEN 1 AND 50),
  description     text CHECK (char_length(description) <= 2000),
  geom            geometry(Geometry, 3006) NOT NULL CHECK (ST_IsValid(geom)
                    AND GeometryType(geom) IN ('POINT', 'POLYGON', 'MULTIPOLYGON')),
  created_by      uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX places_geom_idx ON places USING gist (geom);
CREATE INDEX places_municipality_idx ON places (municipality_id, name);

CREATE TABLE incidents (
  id                  uuid PRIMARY KEY,             -- may be chosen by the client (idempotent retries)
  municipality_id     text NOT NULL REFERENCES municipalities(id),
  category_id         uuid NOT NULL REFERENCES categories(id),
  occurred_from       timestamptz NOT NULL,
  occurred_to         timestamptz NOT NULL,
  reported_at         timestamptz NOT NULL DEFAULT now(),
  geom                geometry(Point, 3006) NOT NULL,
  position_precision  text NOT NULL DEFAULT 'unknown' CHECK (position_precision IN
                        ('gps', 'map', 'place', 'address', 'area', 'municipality', 'unknown')),
  precision_m         integer CHECK (precision_m >= 0),
  place_id            uuid REFERENCES places(id),
  place_name          text CHECK (char_length(place_name) <= 200),
  description         text CHECK (char_length(description) <= 2000),
  organisation_id     uuid NOT NULL REFERENCES organisations(id),
  reporter_id         uuid REFERENCES users(id),
  reported_to_police  boolean,
  assessment          smallint CHECK (assessment BETWEEN 1 AND 5),
  source              text NOT NULL DEFAULT 'app' CHECK (char_length(source) BETWEEN 1 AND 50),
  review_status       text NOT NULL DEFAULT 'new' CHECK (review_status IN ('new', 'reviewed', 'rejected', 'duplicate')),
  duplicate_of        uuid REFERENCES incidents(id),
  visibility          text NOT NULL DEFAULT 'normal' CHECK (visibility IN ('normal', 'restricted')),
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (occurred_to >= occurred_from),
  CHECK ((review_status = 'duplicate') = (duplicate_of IS NOT NULL)),
  CHECK (duplicate_of IS NULL OR duplicate_of <> id)
);
CREATE INDEX incidents_time_idx ON incidents (municipality_id, occurred_from DESC, id DESC);
CREATE INDEX incidents_geom_idx ON incidents USING gist (geom);
CREATE INDEX incidents_category_idx ON incidents (municipality_id, category_id);
CREATE INDEX incidents_organisation_idx ON incidents (municipality_id, organisation_id);
CREATE INDEX incidents_review_idx ON incidents (municipality_id, review_status);

-- Every change to an incident, append-only: the trigger below refuses UPDATE and DELETE.
CREATE TABLE incident_history (
  id              bigserial PRIMARY KEY,
  municipality_id text NOT NULL REFERENCES municipalities(id),
  incident_id     uuid NOT NULL REFERENCES incidents(id),
  changed_at      timestamptz NOT NULL DEFAULT now(),
  user_id         uuid REFERENCES users(id),
  action          text NOT NULL CHECK (action IN ('create', 'update', 'review')),
  changes         jsonb NOT NULL
);
CREATE INDEX incident_history_incident_idx ON incident_history (incident_id, id);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER incident_history_append_only BEFORE UPDATE OR DELETE ON incident_history
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Who read or exported sensitive data, and who changed access. Append-only as well.
CREATE TABLE audit_log (
  id              bigserial PRIMARY KEY,
  municipality_id text REFERENCES municipalities(id),
  at              timestamptz NOT NULL DEFAULT now(),
  user_id         uuid REFERENCES users(id),
  action          text NOT NULL,
  subject_type    text,
  subject_id      text,
  details         jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_municipality_idx ON audit_log (municipality_id, at DESC);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Photos of incidents, stored in the database (both engines, every app process sees them, and a
-- backup of the database is a backup of everything). Only the processed image is kept: resized,
-- re-encoded, with all EXIF/GPS metadata removed before it is written.
CREATE TABLE incident_photos (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id text NOT NULL REFERENCES municipalities(id),
  incident_id     uuid NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  content_type    text NOT NULL CHECK (content_type IN ('image/jpeg')),
  width           integer NOT NULL CHECK (width > 0),
  height          integer NOT NULL CHECK (height > 0),
  bytes           bytea NOT NULL,
  created_by      uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_photos_incident_idx ON incident_photos (incident_id, created_at);

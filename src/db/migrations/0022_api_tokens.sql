-- Personal API tokens (issue 17 item 4): for the GIS unit's QGIS, ArcGIS Pro, FME and GDAL, which
-- cannot log in with a browser. A user makes a token in the web app; it is shown once and only its
-- SHA-256 is kept. A token reads the OGC API (/ogc) as its user, limited to the municipalities it
-- names, and never writes.
--
-- Shared like sessions (src/db/distribution.ts): a request is matched to its token by the hash alone,
-- before any municipality is known, and a token names several municipalities. Without foreign keys
-- for the reason migration 0013 gives for sessions (a write to a reference table locks the reference
-- tables its keys name); a token counts only while its user exists and is active.
CREATE TABLE api_tokens (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash      text NOT NULL UNIQUE,
  user_id         uuid NOT NULL,
  -- The user's home municipality when the token was made: the audit log of its making and revoking.
  municipality_id text NOT NULL,
  name            text NOT NULL CHECK (char_length(btrim(name)) BETWEEN 1 AND 100),
  municipalities  text[] NOT NULL CHECK (cardinality(municipalities) >= 1),
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  -- Written at most once a minute per token (a GIS client polls often).
  last_used_at    timestamptz,
  revoked_at      timestamptz,
  CHECK (expires_at > created_at)
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

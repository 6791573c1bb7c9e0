-- Open311 GeoReport v2 (issue 17, items 6 and 7): other systems (a citizen app, FixMyStreet) send
-- tips into the review queue with an api_key of their own and read back the tips' public status.

-- Which categories the public may send tips in (the services the Open311 server lists). Off for a
-- new category: a municipality opens one on purpose (Administration → Kategorier). The default
-- trees open what a passer-by sees in the street — damage and graffiti, unsafe places, litter —
-- and keep closed what belongs to staff and the police (threats against staff, drugs, gatherings).
ALTER TABLE categories ADD COLUMN open_to_public boolean NOT NULL DEFAULT false;
UPDATE categories SET open_to_public = true WHERE code ~ '^(skadegorelse|otrygg_plats|nedskrapning)(\.|$)';

-- One row per client system, created and revoked by an administrator. The key itself is shown
-- once; the table keeps only its SHA-256, so a copy of the database cannot send tips. A key
-- belongs to one municipality (the key names it, so a request finds its key on one shard) and
-- files its tips under one organisation (every incident has one).
CREATE TABLE open311_keys (
  municipality_id  text NOT NULL REFERENCES municipalities(id),
  id               uuid NOT NULL,
  name             text NOT NULL CHECK (char_length(btrim(name)) BETWEEN 1 AND 100),
  key_hash         text NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
  organisation_id  uuid NOT NULL REFERENCES organisations(id),
  created_by       uuid REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  last_used_at     timestamptz,
  revoked_at       timestamptz,
  revoked_by       uuid REFERENCES users(id),
  PRIMARY KEY (municipality_id, id),
  UNIQUE (municipality_id, key_hash)
);

-- A tip that came in through Open311: the incident it became, the key (system) that sent it, what
-- the sender said beyond the incident's own fields. Its public status is read from the incident.
-- Deleted with the incident.
CREATE TABLE open311_requests (
  municipality_id  text NOT NULL REFERENCES municipalities(id),
  incident_id      uuid NOT NULL,
  key_id           uuid NOT NULL,
  service_code     text NOT NULL CHECK (char_length(service_code) BETWEEN 1 AND 100),
  address_string   text CHECK (char_length(address_string) <= 200),
  media_url        text CHECK (char_length(media_url) <= 2000),
  requested_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, incident_id)
);
CREATE INDEX open311_requests_requested_idx ON open311_requests (municipality_id, requested_at DESC, incident_id);

-- The sender's contact details, personal data: kept apart from the incident (never in its text,
-- its history, an export or the public status) and only as long as a reviewer may need to ask
-- back — deleted once the tip has been reviewed for 30 days, and 180 days after it came in at the
-- latest (src/core/open311/georeport.ts, CONTACT_KEEP).
CREATE TABLE open311_contacts (
  municipality_id  text NOT NULL REFERENCES municipalities(id),
  incident_id      uuid NOT NULL,
  email            text CHECK (char_length(email) <= 254),
  first_name       text CHECK (char_length(first_name) <= 100),
  last_name        text CHECK (char_length(last_name) <= 100),
  phone            text CHECK (char_length(phone) <= 50),
  device_id        text CHECK (char_length(device_id) <= 200),
  account_id       text CHECK (char_length(account_id) <= 200),
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, incident_id)
);

-- A deployment already spread over a Citus cluster gets the new tables distributed with the
-- incidents (a fresh one is placed by `lagesbild migrate` after the migrations), and only then
-- pointed at them: Citus takes a key between municipal tables once both sides are distributed.
DO $$
BEGIN
  -- Nested: PL/pgSQL plans a condition when it reaches it, and pg_dist_partition exists only with Citus.
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    IF EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = 'incidents'::regclass) THEN
      PERFORM create_distributed_table('open311_keys', 'municipality_id', colocate_with => 'incidents');
      PERFORM create_distributed_table('open311_requests', 'municipality_id', colocate_with => 'incidents');
      PERFORM create_distributed_table('open311_contacts', 'municipality_id', colocate_with => 'incidents');
    END IF;
  END IF;
END $$;

ALTER TABLE open311_requests
  ADD CONSTRAINT open311_requests_incident_id_fkey FOREIGN KEY (municipality_id, incident_id) REFERENCES incidents (municipality_id, id) ON DELETE CASCADE,
  ADD CONSTRAINT open311_requests_key_id_fkey FOREIGN KEY (municipality_id, key_id) REFERENCES open311_keys (municipality_id, id);
ALTER TABLE open311_contacts
  ADD CONSTRAINT open311_contacts_incident_id_fkey FOREIGN KEY (municipality_id, incident_id) REFERENCES open311_requests (municipality_id, incident_id) ON DELETE CASCADE;

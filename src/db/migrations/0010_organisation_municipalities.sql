-- The municipalities an organisation works in. The police area (lokalpolisområde Alingsås) covers
-- Alingsås and Vårgårda, a rescue-services association several more: one organisation, whose
-- users report and read in each with their role's rules. organisations.municipality_id stays its
-- home (the tenant key; who administers it); this table lists the home too (written with the
-- organisation, src/db/repositories/organisations.ts), so "works in" is one lookup.
CREATE TABLE organisation_municipalities (
  municipality_id text NOT NULL REFERENCES municipalities(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  PRIMARY KEY (municipality_id, organisation_id)
);
CREATE INDEX organisation_municipalities_organisation_idx ON organisation_municipalities (organisation_id);

INSERT INTO organisation_municipalities (municipality_id, organisation_id)
  SELECT municipality_id, id FROM organisations;

-- Polisen's events without a position, and the state of the optional poller that fetches them
-- (issue 15, items 7 and 8).

-- The API's position of an event is the centre of the municipality or county Polisen files it
-- under, never the place of the incident (../shared/data/SOURCES.md): a point there would be drawn
-- on maps and counted in grid cells, hotspots and places where nothing happened. An event counts
-- for its municipality as a whole; location_name says which municipality, or the county.
ALTER TABLE police_events DROP COLUMN geom;

-- The poller (src/services/police-poller.ts), one row for the deployment (written on first use,
-- so a restored backup brings its own). One process polls at a time, however many run: the holder
-- of the lease, which it renews at every pass; the others take over when the lease lapses.
CREATE TABLE police_poller (
  id              boolean PRIMARY KEY DEFAULT true CHECK (id),
  holder          text,                          -- the polling process (a random id per start)
  lease_until     timestamptz,
  last_success_at timestamptz,
  last_received   integer,                       -- events in the last answer read
  last_new        integer,                       -- of them, new to a municipality of the deployment
  last_error      text,
  last_error_at   timestamptz,
  stopped_at      timestamptz,                   -- a 404: no more polling until an operator resumes it
  stop_reason     text
);

-- Every call made to Polisen's API by any process of the deployment: the spacing and the hourly
-- and daily budget are counted from these rows, so restarts and several processes share them.
-- Rows older than two days are deleted as new ones come.
CREATE TABLE police_poller_calls (
  id      bigserial PRIMARY KEY,
  at      timestamptz NOT NULL,
  holder  text NOT NULL,
  status  integer,                               -- the HTTP status; null while under way or with no answer
  error   text
);
CREATE INDEX police_poller_calls_at_idx ON police_poller_calls (at);

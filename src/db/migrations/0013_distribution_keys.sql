-- A schema that distributes (issue 14 item 4). A national deployment runs on Citus, which spreads a
-- table over its workers by one column and can only enforce keys inside one shard: so every table
-- of municipal data carries municipality_id in its primary key, in every unique key and in every
-- foreign key to another such table, and all of them are distributed by municipality_id in the
-- same co-location group (`lagesbild migrate` does that on a Citus coordinator, src/db/distribution.ts;
-- on PostgreSQL and PGlite these keys are all there is). Rows keep their ids; an id is now unique
-- within its municipality, and every read by id names the municipality too.
--
-- The tables shared by all municipalities are reference tables, copied whole to every worker, so
-- any shard can join them: municipalities; categories (a small lookup read with every incident, and
-- a category stands for its code in every municipality's tree); and who the users are —
-- organisations, organisation_municipalities, users, user_municipality_grants, sessions. Those are
-- not municipal data in the sense of the rule: logging in finds a user by e-mail and a session by
-- its token without knowing a municipality, a user and an organisation reach several
-- municipalities (the police area), and incidents, measures and edition authors point at users and
-- organisations of other municipalities. They are small and rarely written (a session is written at
-- login and touched at most once a minute). The list lives in one place, src/db/distribution.ts,
-- which the Citus step and the test of this rule (src/db/distribution.test.ts) both read.

-- 1. Foreign keys between municipal tables go first: they hang on the primary keys changed below.
ALTER TABLE incidents DROP CONSTRAINT incidents_place_id_fkey, DROP CONSTRAINT incidents_duplicate_of_fkey;
ALTER TABLE incident_history DROP CONSTRAINT incident_history_incident_id_fkey;
ALTER TABLE incident_photos DROP CONSTRAINT incident_photos_incident_id_fkey;
ALTER TABLE situation_pictures DROP CONSTRAINT situation_pictures_area_id_fkey;
ALTER TABLE meetings DROP CONSTRAINT meetings_area_id_fkey, DROP CONSTRAINT meetings_situation_picture_id_fkey;
ALTER TABLE measures DROP CONSTRAINT measures_place_id_fkey, DROP CONSTRAINT measures_area_id_fkey,
  DROP CONSTRAINT measures_meeting_id_fkey, DROP CONSTRAINT measures_situation_picture_id_fkey;
ALTER TABLE meeting_decisions DROP CONSTRAINT meeting_decisions_meeting_id_fkey, DROP CONSTRAINT meeting_decisions_measure_id_fkey;

-- 2. The audit log held deployment-wide events with no municipality (a failed login for an address
-- no user has). A distributed row needs its municipality, so those go to their own shared table,
-- append-only like the audit log, with their ids and times kept.
CREATE TABLE deployment_audit_log (
  id              bigserial PRIMARY KEY,
  at              timestamptz NOT NULL DEFAULT now(),
  user_id         uuid REFERENCES users(id),
  action          text NOT NULL,
  subject_type    text,
  subject_id      text,
  details         jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE TRIGGER deployment_audit_log_append_only BEFORE UPDATE OR DELETE ON deployment_audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
INSERT INTO deployment_audit_log (id, at, user_id, action, subject_type, subject_id, details)
  SELECT id, at, user_id, action, subject_type, subject_id, details FROM audit_log WHERE municipality_id IS NULL;
SELECT setval(pg_get_serial_sequence('deployment_audit_log', 'id'), GREATEST((SELECT max(id) FROM deployment_audit_log), 1),
  (SELECT max(id) FROM deployment_audit_log) IS NOT NULL);
-- The move is the one change the append-only rule has to let through.
ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only;
DELETE FROM audit_log WHERE municipality_id IS NULL;
ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;
ALTER TABLE audit_log ALTER COLUMN municipality_id SET NOT NULL;

-- Sessions are written at every login and touched by every request. On Citus a write to a reference
-- table locks the reference tables its foreign keys name, so a login (INSERT INTO sessions) beside
-- any change of a user or a municipality (UPDATE users at that login, settings) deadlocks — measured
-- on the test cluster: two people logging in at once got one 500. The keys protected nothing the
-- code relies on: users and municipalities are never deleted (a user is deactivated), and a
-- session counts only while its user exists and is active (src/services/auth.ts).
ALTER TABLE sessions DROP CONSTRAINT sessions_user_id_fkey, DROP CONSTRAINT sessions_municipality_id_fkey;

-- 3. Primary and unique keys lead with the municipality.
ALTER TABLE areas DROP CONSTRAINT areas_pkey, ADD PRIMARY KEY (municipality_id, id);
ALTER TABLE places DROP CONSTRAINT places_pkey, ADD PRIMARY KEY (municipality_id, id);
ALTER TABLE incidents DROP CONSTRAINT incidents_pkey, ADD PRIMARY KEY (municipality_id, id);
ALTER TABLE incident_history DROP CONSTRAINT incident_history_pkey, ADD PRIMARY KEY (municipality_id, id);
ALTER TABLE audit_log DROP CONSTRAINT audit_log_pkey, ADD PRIMARY KEY (municipality_id, id);
ALTER TABLE incident_photos DROP CONSTRAINT incident_photos_pkey, ADD PRIMARY KEY (municipality_id, id);
ALTER TABLE situation_pictures DROP CONSTRAINT situation_pictures_pkey, ADD PRIMARY KEY (municipality_id, id),
  DROP CONSTRAINT situation_pictures_series_id_version_key, ADD UNIQUE (municipality_id, series_id, version);
ALTER TABLE meetings DROP CONSTRAINT meetings_pkey, ADD PRIMARY KEY (municipality_id, id);
ALTER TABLE measures DROP CONSTRAINT measures_pkey, ADD PRIMARY KEY (municipality_id, id);
ALTER TABLE meeting_decisions DROP CONSTRAINT meeting_decisions_pkey, ADD PRIMARY KEY (municipality_id, id);
ALTER TABLE action_plans DROP CONSTRAINT action_plans_pkey, ADD PRIMARY KEY (municipality_id, id);
ALTER TABLE notifications DROP CONSTRAINT notifications_pkey, ADD PRIMARY KEY (municipality_id, id);
-- job_runs (job, municipality_id, run_key) and police_events (municipality_id, id) already hold it.

-- 4. The foreign keys again, now within one municipality: a row can only point at a row of its own
-- municipality, which is also what keeps the pair on one shard. MATCH SIMPLE (the default) leaves a
-- null reference unchecked, as before.
ALTER TABLE incidents
  ADD CONSTRAINT incidents_place_id_fkey FOREIGN KEY (municipality_id, place_id) REFERENCES places (municipality_id, id),
  ADD CONSTRAINT incidents_duplicate_of_fkey FOREIGN KEY (municipality_id, duplicate_of) REFERENCES incidents (municipality_id, id);
ALTER TABLE incident_history
  ADD CONSTRAINT incident_history_incident_id_fkey FOREIGN KEY (municipality_id, incident_id) REFERENCES incidents (municipality_id, id);
ALTER TABLE incident_photos
  ADD CONSTRAINT incident_photos_incident_id_fkey FOREIGN KEY (municipality_id, incident_id) REFERENCES incidents (municipality_id, id) ON DELETE CASCADE;
ALTER TABLE situation_pictures
  ADD CONSTRAINT situation_pictures_area_id_fkey FOREIGN KEY (municipality_id, area_id) REFERENCES areas (municipality_id, id);
ALTER TABLE meetings
  ADD CONSTRAINT meetings_area_id_fkey FOREIGN KEY (municipality_id, area_id) REFERENCES areas (municipality_id, id),
  ADD CONSTRAINT meetings_situation_picture_id_fkey FOREIGN KEY (municipality_id, situation_picture_id) REFERENCES situation_pictures (municipality_id, id);
ALTER TABLE measures
  ADD CONSTRAINT measures_place_id_fkey FOREIGN KEY (municipality_id, place_id) REFERENCES places (municipality_id, id),
  ADD CONSTRAINT measures_area_id_fkey FOREIGN KEY (municipality_id, area_id) REFERENCES areas (municipality_id, id),
  ADD CONSTRAINT measures_meeting_id_fkey FOREIGN KEY (municipality_id, meeting_id) REFERENCES meetings (municipality_id, id),
  ADD CONSTRAINT measures_situation_picture_id_fkey FOREIGN KEY (municipality_id, situation_picture_id) REFERENCES situation_pictures (municipality_id, id);
ALTER TABLE meeting_decisions
  ADD CONSTRAINT meeting_decisions_meeting_id_fkey FOREIGN KEY (municipality_id, meeting_id) REFERENCES meetings (municipality_id, id) ON DELETE CASCADE,
  ADD CONSTRAINT meeting_decisions_measure_id_fkey FOREIGN KEY (municipality_id, measure_id) REFERENCES measures (municipality_id, id);

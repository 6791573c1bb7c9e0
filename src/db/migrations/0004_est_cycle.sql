-- The EST cycle: lägesbild editions, area-group meetings and their decisions, measures and their
-- follow-up, the yearly action plan, police events as an external input, notifications
-- (återkoppling and e-mail) and the state of scheduled work. Job state lives here, not in a process,
-- so several app processes can share one database.

-- Polisen's public events (polisen.se /api/events), imported per municipality.
CREATE TABLE police_events (
  municipality_id text NOT NULL REFERENCES municipalities(id),
  id              bigint NOT NULL,                       -- Polisen's event id
  published_at    timestamptz NOT NULL,                  -- the event's "datetime"
  type            text NOT NULL CHECK (char_length(type) BETWEEN 1 AND 100),
  name            text NOT NULL CHECK (char_length(name) <= 300),
  summary         text CHECK (char_length(summary) <= 2000),
  url             text CHECK (char_length(url) <= 500),
  location_name   text CHECK (char_length(location_name) <= 200),
  geom            geometry(Point, 3006),
  imported_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (municipality_id, id)
);
CREATE INDEX police_events_time_idx ON police_events (municipality_id, published_at);

-- A lägesbild edition. Versions of one edition share series_id; a correction of a published edition
-- is a new version (a new row), never an update. The period is half-open [period_from, period_to).
CREATE TABLE situation_pictures (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id text NOT NULL REFERENCES municipalities(id),
  series_id       uuid NOT NULL,
  version         integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  area_id         uuid REFERENCES areas(id),
  title           text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  period_from     timestamptz NOT NULL,
  period_to       timestamptz NOT NULL,
  filters         jsonb NOT NULL DEFAULT '{}'::jsonb,    -- { categoryIds, organisationIds }
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
  origin          text NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'scheduled')),
  content         jsonb NOT NULL,                        -- the computed mapping (kartläggning), frozen at publishing
  computed_at     timestamptz NOT NULL DEFAULT now(),
  narrative       jsonb NOT NULL DEFAULT '{}'::jsonb,    -- { summary, problems: [cause analyses] }
  status_levels   jsonb NOT NULL DEFAULT '[]'::jsonb,    -- [{ kind, id, name, level }]
  row_version     integer NOT NULL DEFAULT 1,            -- optimistic locking of drafts
  created_by      uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  published_at    timestamptz,
  published_by    uuid REFERENCES users(id),
  UNIQUE (series_id, version),
  CHECK (period_to > period_from),
  CHECK ((status = 'published') = (published_at IS NOT NULL))
);
CREATE INDEX situation_pictures_municipality_idx ON situation_pictures (municipality_id, period_to DESC);
-- One scheduled draft per municipality and period, however many processes run the scheduler.
CREATE UNIQUE INDEX situation_pictures_scheduled_idx ON situation_pictures (municipality_id, period_from, period_to)
  WHERE origin = 'scheduled' AND version = 1;

-- A published edition is immutable: the database refuses to change or delete it, whatever the code does.
CREATE FUNCTION refuse_published_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'published situation picture % is immutable', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER situation_pictures_immutable BEFORE UPDATE OR DELETE ON situation_pictures
  FOR EACH ROW EXECUTE FUNCTION refuse_published_change();

-- An area-group meeting (områdesgruppsmöte).
CREATE TABLE meetings (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id      text NOT NULL REFERENCES municipalities(id),
  area_id              uuid REFERENCES areas(id),
  title                text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  held_at              timestamptz NOT NULL,
  situation_picture_id uuid REFERENCES situation_pictures(id),
  status               text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held')),
  participants         jsonb NOT NULL DEFAULT '[]'::jsonb,  -- [{ organisationId, name, present }]
  agenda               jsonb NOT NULL DEFAULT '[]'::jsonb,  -- generated items, then edited
  minutes              text CHECK (char_length(minutes) <= 50000),
  row_version          integer NOT NULL DEFAULT 1,
  created_by           uuid REFERENCES users(id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meetings_municipality_idx ON meetings (municipality_id, held_at DESC);

-- A measure (åtgärd). Its follow-up is computed from the incidents, never typed in.
CREATE TABLE measures (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id      text NOT NULL REFERENCES municipalities(id),
  type                 text NOT NULL CHECK (type ~ '^[a-z_]{1,50}$'),   -- code in core/measures/catalogue
  term                 text NOT NULL CHECK (term IN ('short', 'long')),
  title                text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  problem              text CHECK (char_length(problem) <= 2000),
  category_ids         uuid[] NOT NULL DEFAULT '{}',                   -- the problem's categories (empty = all)
  place_id             uuid REFERENCES places(id),
  area_id              uuid REFERENCES areas(id),
  organisation_id      uuid NOT NULL REFERENCES organisations(id),      -- responsible organisation
  responsible_person   text CHECK (char_length(responsible_person) <= 200),
  status               text NOT NULL DEFAULT 'planned' CHECK (status IN ('proposed', 'planned', 'ongoing', 'done', 'cancelled')),
  planned_start        date,
  planned_end          date,
  actual_start         date,
  actual_end           date,
  cost_sek             numeric(14, 2) CHECK (cost_sek >= 0),
  notes                text CHECK (char_length(notes) <= 5000),
  follow_up            jsonb NOT NULL DEFAULT '{}'::jsonb,              -- { bufferM, controlAreaId, controlPlaceId, weeks }
  meeting_id           uuid REFERENCES meetings(id),
  situation_picture_id uuid REFERENCES situation_pictures(id),
  row_version          integer NOT NULL DEFAULT 1,
  created_by           uuid REFERENCES users(id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start),
  CHECK (actual_end IS NULL OR actual_start IS NULL OR actual_end >= actual_start),
  CHECK (status <> 'done' OR actual_start IS NOT NULL)
);
CREATE INDEX measures_municipality_idx ON measures (municipality_id, status);
CREATE INDEX measures_place_idx ON measures (place_id);

-- A decision recorded during a meeting; it can become a measure with an owner.
CREATE TABLE meeting_decisions (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id text NOT NULL REFERENCES municipalities(id),
  meeting_id      uuid NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  agenda_item     text CHECK (char_length(agenda_item) <= 100),           -- id of the agenda item it answers
  text            text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 2000),
  organisation_id uuid REFERENCES organisations(id),
  due             date,
  measure_id      uuid REFERENCES measures(id),
  created_by      uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX meeting_decisions_meeting_idx ON meeting_decisions (meeting_id, created_at);

-- The yearly "Lägesbild och åtgärdsplan" (lag 2023:196): what the coordinator writes and enters;
-- the mapping and the measures are computed when the document is made.
CREATE TABLE action_plans (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id text NOT NULL REFERENCES municipalities(id),
  year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  narrative       jsonb NOT NULL DEFAULT '{}'::jsonb,   -- { introduction, analysis, priorities: [...] }
  survey          jsonb NOT NULL DEFAULT '[]'::jsonb,   -- [{ source, indicator, value, unit, year, comparison }], e.g. NTU
  adopted_at      date,
  adopted_by      text CHECK (char_length(adopted_by) <= 200),
  row_version     integer NOT NULL DEFAULT 1,
  created_by      uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (municipality_id, year)
);

-- Messages to users: in the app (återkoppling) and by e-mail. The mailer sends rows with
-- channel 'email' and no sent_at; a failure is kept with its error and retried.
CREATE TABLE notifications (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  municipality_id text NOT NULL REFERENCES municipalities(id),
  user_id         uuid REFERENCES users(id) ON DELETE CASCADE,
  email           text CHECK (char_length(email) <= 254),
  channel         text NOT NULL CHECK (channel IN ('app', 'email')),
  kind            text NOT NULL CHECK (kind IN ('feedback', 'draft_ready', 'measure_due')),
  subject         text NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 300),
  body            text NOT NULL CHECK (char_length(body) <= 20000),
  subject_type    text,
  subject_id      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  read_at         timestamptz,
  sent_at         timestamptz,
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  CHECK (channel <> 'email' OR email IS NOT NULL)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_outbox_idx ON notifications (channel, created_at) WHERE sent_at IS NULL;

-- Runs of scheduled jobs: the unique key makes each (job, municipality, period) happen once even
-- when several processes tick at the same moment.
CREATE TABLE job_runs (
  job             text NOT NULL CHECK (char_length(job) BETWEEN 1 AND 100),
  municipality_id text NOT NULL REFERENCES municipalities(id),
  run_key         text NOT NULL,                          -- e.g. the period start date
  status          text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  started_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz,
  result          jsonb NOT NULL DEFAULT '{}'::jsonb,
  error           text,
  PRIMARY KEY (job, municipality_id, run_key)
);

-- The side panel's hour-by-weekday table over long periods, from monthly totals.
--
-- The table counts incidents per weekday and hour of their start. It was summed from incident_hours
-- (a row per day, hour, category, organisation, review status and visibility): about a row per
-- incident at 10 million, 1.3 million rows for two years of Stockholm (half a second, the slowest of
-- the panel's figures, 600 ms with a category filter). These rows hold the same counts per calendar
-- month of the window's start and end, weekday (ISO, of the start's local day) and hour, for every
-- category together (category_id the nil id) and for each category, every organisation and review
-- status together, restricted reports apart per organisation as in incident_month_totals (migration
-- 0028): a few thousand rows for those two years, some tens of thousands per category. Read for the
-- whole months when the filter names no organisation or review status and the reader sees every
-- report or its organisation's and every unrestricted one; the days before and after them, and every
-- other case, read incident_hours.
--
-- The applier adds every delta of the queue here as well, in the same transaction.

CREATE TABLE incident_month_hours (
  municipality_id text NOT NULL,
  category_id     uuid NOT NULL,
  month_from      date NOT NULL,
  month_to        date NOT NULL,
  weekday         smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  hour            smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
  organisation_id uuid NOT NULL,
  visibility      text NOT NULL,
  n               integer NOT NULL,
  PRIMARY KEY (municipality_id, category_id, month_from, month_to, weekday, hour, organisation_id, visibility) INCLUDE (n)
);
CREATE INDEX incident_month_hours_empty_idx ON incident_month_hours (municipality_id) WHERE n = 0;

-- Per category from the daily hours, then every category together from those.
INSERT INTO incident_month_hours (municipality_id, category_id, month_from, month_to, weekday, hour, organisation_id, visibility, n)
SELECT municipality_id, category_id, day_from - (extract(day FROM day_from)::int - 1), day_to - (extract(day FROM day_to)::int - 1),
       extract(isodow FROM day_from)::int, hour,
       CASE WHEN visibility = 'restricted' THEN organisation_id ELSE '00000000-0000-0000-0000-000000000000'::uuid END, visibility, sum(n)
  FROM incident_hours
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
HAVING sum(n) <> 0;

INSERT INTO incident_month_hours (municipality_id, category_id, month_from, month_to, weekday, hour, organisation_id, visibility, n)
SELECT municipality_id, '00000000-0000-0000-0000-000000000000'::uuid, month_from, month_to, weekday, hour, organisation_id, visibility, sum(n)
  FROM incident_month_hours
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
HAVING sum(n) <> 0;

ANALYZE incident_month_hours;

-- The side panel's most reported places over long periods, from monthly totals.
--
-- The list counts incidents per place in the period and in the same length before it. It was summed
-- from incident_places (a row per day, place, category, organisation, review status and visibility):
-- at 10 million incidents 186,000 rows for a year and the year before of Stockholm and its neighbour
-- (107 ms, the slowest of the panel's figures). These rows hold the same counts per calendar month of
-- the window's start and end and per place (its id, or the name written in the report), for every
-- category together (category_id the nil id) and for each category, every organisation and review
-- status together, restricted reports apart per organisation as in incident_month_hours (migration
-- 0029). Read, as those are, for the whole months of each window when the filter names no
-- organisation or review status and the reader sees every report or its organisation's and every
-- unrestricted one; the days before and after them, and every other case, read incident_places.
--
-- The applier adds every delta of the queue here as well, in the same transaction.

CREATE TABLE incident_month_places (
  municipality_id text NOT NULL,
  category_id     uuid NOT NULL,
  month_from      date NOT NULL,
  month_to        date NOT NULL,
  place_id        uuid NOT NULL,
  place_name      text NOT NULL,
  organisation_id uuid NOT NULL,
  visibility      text NOT NULL,
  n               integer NOT NULL,
  PRIMARY KEY (municipality_id, category_id, month_from, month_to, place_id, place_name, organisation_id, visibility) INCLUDE (n)
);
CREATE INDEX incident_month_places_empty_idx ON incident_month_places (municipality_id) WHERE n = 0;

-- Per category from the daily places, then every category together from those.
INSERT INTO incident_month_places (municipality_id, category_id, month_from, month_to, place_id, place_name, organisation_id, visibility, n)
SELECT municipality_id, category_id, day_from - (extract(day FROM day_from)::int - 1), day_to - (extract(day FROM day_to)::int - 1), place_id, place_name,
       CASE WHEN visibility = 'restricted' THEN organisation_id ELSE '00000000-0000-0000-0000-000000000000'::uuid END, visibility, sum(n)
  FROM incident_places
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
HAVING sum(n) <> 0;

INSERT INTO incident_month_places (municipality_id, category_id, month_from, month_to, place_id, place_name, organisation_id, visibility, n)
SELECT municipality_id, '00000000-0000-0000-0000-000000000000'::uuid, month_from, month_to, place_id, place_name, organisation_id, visibility, sum(n)
  FROM incident_month_places
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
HAVING sum(n) <> 0;

ANALYZE incident_month_places;

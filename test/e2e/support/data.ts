/**
 * A small, known set of incidents for the browser tests, created over the API (the fixture database
 * has none): three graffiti reports in the last two days, two littering reports ten days ago and one
 * graffiti report sixty days ago, all in central Alingsås, dated back from the run's clock
 * (`e2e.now`, the instant the browser's clock is fixed at), each with a description starting with
 * `prefix` so the tests can find exactly their own.
 */
import { randomUUID } from 'node:crypto';
import { POINTS, type FixtureUser } from '../../support/fixtures.ts';
import { categoryIds, type E2E } from './harness.ts';

export interface Seeded {
  prefix: string;
  ids: { klotterRecent: string[]; nedskrapning: string[]; klotterOld: string[] };
  categories: Record<string, string>;
}

const DAY = 86_400_000;

export async function seedIncidents(e2e: E2E, prefix = 'E2E'): Promise<Seeded> {
  const categories = await categoryIds(e2e);
  const now = e2e.now.getTime();
  const make = async (user: FixtureUser, code: string, daysAgo: number, n: number, place: string, offset: number): Promise<string> => {
    const id = randomUUID();
    await e2e.call(user, 'POST', '/api/incidents', {
      id, categoryId: categories[code], occurredAt: new Date(now - daysAgo * DAY - n * 3_600_000).toISOString(),
      location: { lon: POINTS.alingsasCentrum.lon + offset * 0.0007, lat: POINTS.alingsasCentrum.lat + offset * 0.0004 },
      placeName: place, description: `${prefix} ${code} ${daysAgo} d #${n}`,
    });
    return id;
  };
  const ids: Seeded['ids'] = { klotterRecent: [], nedskrapning: [], klotterOld: [] };
  for (let n = 0; n < 3; n++) ids.klotterRecent.push(await make(n === 2 ? 'guard' : 'reporter', 'skadegorelse.klotter', 1, n, 'Stora torget', n));
  for (let n = 0; n < 2; n++) ids.nedskrapning.push(await make('reporter', 'nedskrapning', 10, n, 'Resecentrum', 4 + n));
  ids.klotterOld.push(await make('reporter', 'skadegorelse.klotter', 60, 0, 'Nolhaga', 7));
  return { prefix, ids, categories };
}

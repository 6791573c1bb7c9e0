/**
 * Which of the deployment's municipalities a police event belongs to. Polisen names no place of
 * the incident: `location.name` is a municipality ("Alingsås") or, in much of the recent data, the
 * whole county ("Västra Götalands län"), and `location.gps` is that municipality's or county's
 * centre. So an event belongs to a municipality as a whole, never to a point in it:
 *
 * - `location.name` is a municipality: that municipality;
 * - `location.name` is a county and the event's title ends with a municipality of that county
 *   ("22 augusti 16.01, Trafikolycka, Töreboda"): that municipality — Polisen often files a local
 *   event under the county and names the municipality only in the title;
 * - a county and a title that ends with the county ("Sammanfattning natt, Västra Götalands län",
 *   "halt väglag på flera platser i länet"): a county-wide event, for every municipality of the
 *   deployment in that county, since it concerns each of them;
 * - anything else (another county, a municipality not in the deployment, a place in the title we
 *   cannot tell the municipality of): none, and the event is dropped — better left out than counted
 *   in the wrong municipality.
 *
 * Names are compared without regard to case: Polisen writes "Upplands väsby" and "Lilla edet"
 * where SCB writes "Upplands Väsby" and "Lilla Edet". A municipality's county is the first two
 * digits of its SCB code. Pure.
 */

/** SCB's county codes and the names Polisen gives the counties in `location.name`. */
export const COUNTIES: Readonly<Record<string, string>> = {
  '01': 'Stockholms län', '03': 'Uppsala län', '04': 'Södermanlands län', '05': 'Östergötlands län', '06': 'Jönköpings län',
  '07': 'Kronobergs län', '08': 'Kalmar län', '09': 'Gotlands län', '10': 'Blekinge län', '12': 'Skåne län', '13': 'Hallands län',
  '14': 'Västra Götalands län', '17': 'Värmlands län', '18': 'Örebro län', '19': 'Västmanlands län', '20': 'Dalarnas län',
  '21': 'Gävleborgs län', '22': 'Västernorrlands län', '23': 'Jämtlands län', '24': 'Västerbottens län', '25': 'Norrbottens län',
};

/** A municipality of the deployment: its SCB code and name. */
export interface DeploymentMunicipality { id: string; name: string }

/** What an event says about where it happened. */
export interface EventPlace { locationName: string | null; name: string }

/** Whom an event concerns: one municipality as a whole, a county as a whole, or neither. */
export type EventScope = 'municipality' | 'county';

const key = (s: string) => s.trim().toLocaleLowerCase('sv');

/** The county code of a county's name as Polisen writes it, or null. */
export function countyCode(name: string): string | null {
  const k = key(name);
  return Object.entries(COUNTIES).find(([, n]) => key(n) === k)?.[0] ?? null;
}

/** Whether a location name is a county's ("… län"): the event then concerns no single municipality by its location. */
export const isCountyName = (name: string | null): boolean => name !== null && countyCode(name) !== null;

/**
 * The municipalities of the deployment an event belongs to (codes; empty: none of them) and whether
 * it concerns one municipality or a whole county.
 */
export function municipalitiesOfEvent(e: EventPlace, deployment: readonly DeploymentMunicipality[]): { ids: string[]; scope: EventScope | null } {
  if (!e.locationName) return { ids: [], scope: null };
  const county = countyCode(e.locationName);
  if (county === null) {
    const m = deployment.find((d) => key(d.name) === key(e.locationName!));
    return { ids: m ? [m.id] : [], scope: m ? 'municipality' : null };
  }
  // The title's last part names the place ("…, Brand, Kävlinge"), or the county when the event is
  // the county's as a whole ("Sammanfattning natt, Västra Götalands län").
  const last = key(e.name.split(',').at(-1) ?? '');
  if (last !== key(e.locationName)) {
    const m = deployment.find((d) => d.id.startsWith(county) && key(d.name) === last);
    return { ids: m ? [m.id] : [], scope: m ? 'municipality' : null };
  }
  const inCounty = deployment.filter((d) => d.id.startsWith(county)).map((d) => d.id);
  return { ids: inCounty, scope: inCounty.length ? 'county' : null };
}

export interface SplitEvents<T> {
  /** Per municipality code, its events (an event of the county may be in several lists). */
  byMunicipality: Map<string, T[]>;
  /** Events that belong to none of the deployment's municipalities. */
  outside: number;
}

/** Splits events by municipality; every municipality of the deployment has a list, empty or not. */
export function splitPoliceEvents<T extends EventPlace>(events: readonly T[], deployment: readonly DeploymentMunicipality[]): SplitEvents<T> {
  const byMunicipality = new Map<string, T[]>(deployment.map((d) => [d.id, []]));
  let outside = 0;
  for (const e of events) {
    const { ids } = municipalitiesOfEvent(e, deployment);
    if (!ids.length) outside++;
    for (const id of ids) byMunicipality.get(id)!.push(e);
  }
  return { byMunicipality, outside };
}

/**
 * A hotspot named the way people give directions: by the area it lies in and the nearest named
 * place, with a distance and a compass direction ("Alingsås, 200 m nordost om Resecentrum"),
 * never by its grid id ("Ruta 250:1397:25663"). The id stays the key everywhere; only what a person
 * reads changes.
 *
 * Two steps, so the words can follow the reader's language: `locateHotspot` finds the area and the
 * place once, when an edition is computed (the server knows the places and areas), and stores the
 * result with the cell; `hotspotName` writes it in Swedish or English wherever it is shown (the
 * web, the documents, the meeting agenda).
 */

export type Compass = 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w' | 'nw';

/** Where a hotspot lies, in names: what `hotspotName` writes out. */
export interface HotspotWhere {
  /** The named area (district) the point lies in, or null. */
  area: string | null;
  /** The nearest named place, how far (m) and in which direction the point lies from it. */
  place: { name: string; distance: number; direction: Compass } | null;
}

/** A named place as a point in SWEREF 99 TM (metres). */
export interface NamedPoint {
  name: string;
  x: number;
  y: number;
}

export const HOTSPOT_NAME_OPTIONS = {
  /** Closer than this (m) the hotspot is "at" the place and no distance is given. */
  atPlace: 75,
  /** Distances under a kilometre are rounded to this many metres: a cell is 250 m, more would be false precision. */
  roundTo: 50,
};

const COMPASS: readonly Compass[] = ['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw'];

/** The eight-point direction of a vector (east, north): 0° is north, sectors of 45°. */
export function compassOf(dx: number, dy: number): Compass {
  const degrees = (Math.atan2(dx, dy) * 180) / Math.PI;
  return COMPASS[Math.round(((degrees + 360) % 360) / 45) % 8];
}

/**
 * The area a point lies in and the nearest named place, for `hotspotName`.
 * @param at the hotspot's centre in SWEREF 99 TM
 * @param places the municipality's named places (any distance: the nearest one names the spot)
 * @param area the name of the smallest named area that contains the point, when there is one
 * @example locateHotspot({ x: 352_300, y: 6_424_300 }, [{ name: 'Resecentrum', x: 352_150, y: 6_424_150 }], 'Alingsås')
 * // { area: 'Alingsås', place: { name: 'Resecentrum', distance: 212, direction: 'ne' } }
 */
export function locateHotspot(at: { x: number; y: number }, places: readonly NamedPoint[], area: string | null = null): HotspotWhere {
  let best: NamedPoint | null = null, bestD = Infinity;
  for (const p of places) {
    const d = Math.hypot(at.x - p.x, at.y - p.y);
    // Ties go to the name first in the alphabet, so the name never depends on the order places come in.
    if (d < bestD || (d === bestD && best && p.name.localeCompare(best.name, 'sv') < 0)) { best = p; bestD = d; }
  }
  return {
    area: area?.trim() || null,
    place: best ? { name: best.name, distance: Math.round(bestD), direction: compassOf(at.x - best.x, at.y - best.y) } : null,
  };
}

const WORDS = {
  sv: {
    compass: { n: 'norr', ne: 'nordost', e: 'öster', se: 'sydost', s: 'söder', sw: 'sydväst', w: 'väster', nw: 'nordväst' },
    at: 'vid {place}', from: '{distance} {direction} om {place}', decimal: ',',
  },
  en: {
    compass: { n: 'north', ne: 'north-east', e: 'east', se: 'south-east', s: 'south', sw: 'south-west', w: 'west', nw: 'north-west' },
    at: 'at {place}', from: '{distance} {direction} of {place}', decimal: '.',
  },
} as const;

/** "200 m", "1,2 km" / "1.2 km". */
function distanceText(metres: number, lang: 'sv' | 'en'): string {
  if (metres < 1000) return `${Math.max(HOTSPOT_NAME_OPTIONS.roundTo, Math.round(metres / HOTSPOT_NAME_OPTIONS.roundTo) * HOTSPOT_NAME_OPTIONS.roundTo)} m`;
  const km = Math.round(metres / 100) / 10;
  return `${String(km).replace('.', WORDS[lang].decimal)} km`;
}

/**
 * A hotspot's name in words: "Alingsås, 200 m nordost om Resecentrum", "Centrum, vid Stora
 * torget", "Stora torget", "Sollebrunn"; its position ("57.9302° N, 12.5310° E") only when the municipality has no named
 * place or area at all.
 * @example hotspotName({ area: 'Centrum', place: { name: 'Stora torget', distance: 180, direction: 'n' } }, 'sv') // 'Centrum, 200 m norr om Stora torget'
 */
export function hotspotName(where: HotspotWhere | null | undefined, lang: 'sv' | 'en', position?: { lon: number; lat: number }): string {
  const w = WORDS[lang];
  const p = where?.place ?? null;
  const placeText = !p ? null
    : p.distance < HOTSPOT_NAME_OPTIONS.atPlace ? w.at.replace('{place}', p.name)
    : w.from.replace('{distance}', distanceText(p.distance, lang)).replace('{direction}', w.compass[p.direction]).replace('{place}', p.name);
  const area = where?.area && where.area !== p?.name ? where.area : null;
  if (area && placeText) return `${area}, ${placeText}`;
  if (area) return area;
  // Alone, a hotspot at a place is simply the place.
  if (p && placeText) return p.distance < HOTSPOT_NAME_OPTIONS.atPlace ? p.name : placeText;
  // A position is written the same in both languages, as GPS apps and maps show it.
  return position ? `${position.lat.toFixed(4)}° N, ${position.lon.toFixed(4)}° E` : '–';
}

/**
 * The name of a stored hotspot cell or zone in any edition: from its `where` when it has one, else
 * (editions made before names existed) the places it was stored with, else its position.
 */
export function hotspotNameOf(h: { where?: HotspotWhere; placeName?: string | null; placeNames?: readonly string[]; lon: number; lat: number }, lang: 'sv' | 'en'): string {
  if (h.where) return hotspotName(h.where, lang, h);
  if (h.placeNames?.length) return h.placeNames.join(', ');
  return h.placeName ?? hotspotName(null, lang, h);
}

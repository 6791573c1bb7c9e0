/**
 * Which field a column stands for, from its header, in Swedish or English: "Händelsetyp",
 * "HANDELSETYP" and "Händelse-typ" are one header, because headers are compared folded (lower case,
 * without diacritics, spaces or punctuation). A part in brackets ("Öst (SWEREF 99 TM)") is left out
 * of the comparison but may name the coordinate system. Pure.
 */
import type { ImportCrs, ImportField } from './types.ts';

/** Lower case, diacritics removed (å ä ö → a a o), only letters and digits kept: "Datum och tid" → "datumochtid". */
export function foldKey(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Header spellings per field, folded. `date` alone (no time column) is read as `dateTime`, and a
 * time column without a date column as one holding both (resolved in recogniseHeaders).
 */
const SYNONYMS: Record<Exclude<ImportField, 'x' | 'y'>, string[]> = {
  dateTime: [
    'tidpunkt', 'datumochtid', 'datumochklockslag', 'datumtid', 'datumkl', 'tidpunktfran', 'fran', 'starttid', 'start', 'datumfran',
    'datetime', 'dateandtime', 'timestamp', 'tidsstampel', 'occurred', 'occurredat', 'occurredfrom', 'from', 'starttime', 'when',
  ],
  date: ['datum', 'date', 'handelsedatum', 'incidentdate', 'datumforhandelsen'],
  time: ['tid', 'klockslag', 'kl', 'klockan', 'klocka', 'time', 'tidpunktkl', 'handelsetid', 'timeofday', 'incidenttime'],
  dateTimeTo: [
    'till', 'tidpunkttill', 'tilltidpunkt', 'slut', 'sluttid', 'sluttidpunkt', 'slutdatum', 'datumtill', 'tilldatum', 'tidtill', 'tilltid',
    'end', 'endtime', 'enddate', 'to', 'until', 'occurredto',
  ],
  category: [
    'kategori', 'handelsetyp', 'typ', 'handelse', 'typavhandelse', 'kategorikod', 'underkategori',
    'category', 'type', 'incidenttype', 'eventtype', 'categorycode', 'subcategory',
  ],
  place: ['plats', 'adress', 'gatuadress', 'platsnamn', 'platsadress', 'adressplats', 'ort', 'place', 'address', 'location', 'placename', 'street', 'site'],
  description: [
    'beskrivning', 'kommentar', 'kommentarer', 'fritext', 'anteckning', 'anteckningar', 'handelsebeskrivning', 'text', 'notering',
    'description', 'comment', 'comments', 'notes', 'note', 'details', 'summary',
  ],
  organisation: [
    'organisation', 'rapportor', 'forvaltning', 'rapporteradav', 'bolag', 'aktor', 'avsandare', 'enhet',
    'organization', 'reportedby', 'reporter', 'agency', 'org',
  ],
  reportedToPolice: [
    'polisanmald', 'polisanmalt', 'polisanmalan', 'anmaldtillpolis', 'anmalttillpolis', 'anmaldpolis', 'polis',
    'reportedtopolice', 'policereport', 'policereported', 'police',
  ],
  externalId: [
    'id', 'arendenummer', 'arende', 'arendenr', 'arendeid', 'nr', 'nummer', 'lopnummer', 'lopnr', 'referens', 'ref', 'externtid',
    'reference', 'casenumber', 'caseno', 'caseid', 'incidentid', 'externalid', 'no', 'number',
  ],
};

/**
 * Coordinate headers in pairs, x (east/longitude) first. `kind` says what the names promise:
 * 'geographic' (lon/lat), 'projected' (east/north), or 'xy' — X and Y, which Swedish surveying
 * uses with X as north and most GIS with X as east; the values decide (crs.ts).
 */
const COORDINATE_PAIRS: Array<{ x: string[]; y: string[]; kind: CoordinateKind }> = [
  { x: ['longitud', 'longitude', 'lon', 'lng', 'long', 'wgs84lon', 'lonwgs84'], y: ['latitud', 'latitude', 'lat', 'wgs84lat', 'latwgs84'], kind: 'geographic' },
  { x: ['ost', 'o', 'e', 'easting', 'east', 'ostkoordinat', 'ekoordinat', 'ostlig', 'ostligkoordinat', 'ost3006'], y: ['nord', 'n', 'northing', 'north', 'nordkoordinat', 'nkoordinat', 'nordlig', 'nordligkoordinat', 'nord3006'], kind: 'projected' },
  { x: ['x', 'xkoordinat', 'koordinatx', 'xkoord'], y: ['y', 'ykoordinat', 'koordinaty', 'ykoord'], kind: 'xy' },
];

export type CoordinateKind = 'geographic' | 'projected' | 'xy';

export interface RecognisedHeaders {
  /** Field → header, for the headers recognised. */
  columns: Partial<Record<ImportField, string>>;
  /** What the coordinate headers promise, when there are any. */
  coordinateKind: CoordinateKind | null;
  /** A coordinate system named in a coordinate header ("Öst (SWEREF 99 TM)"), if any. */
  namedCrs: ImportCrs | null;
  /** Headers no field was found for. */
  unmapped: string[];
}

/** The part of a header compared: without what stands in brackets. */
const stem = (h: string) => foldKey(h.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));

const ZONE_NAMES: Array<[string, ImportCrs]> = [
  ['sweref991200', 3007], ['sweref991330', 3008], ['sweref991500', 3009], ['sweref991630', 3010], ['sweref991800', 3011],
  ['sweref991415', 3012], ['sweref991545', 3013], ['sweref991715', 3014], ['sweref991845', 3015], ['sweref992015', 3016],
  ['sweref992145', 3017], ['sweref992315', 3018],
];

/** A coordinate system named anywhere in a header: "SWEREF 99 TM", "SWEREF 99 12 00", "EPSG:3006", "WGS 84". */
export function crsNamedIn(header: string): ImportCrs | null {
  const k = foldKey(header);
  const epsg = /epsg(\d{4})/.exec(k);
  if (epsg) {
    const code = Number(epsg[1]);
    if (code === 4326 || (code >= 3006 && code <= 3018)) return code as ImportCrs;
  }
  if (k.includes('sweref99tm')) return 3006;
  for (const [name, code] of ZONE_NAMES) if (k.includes(name)) return code;
  if (k.includes('wgs84')) return 4326;
  return null;
}

const FIELD_BY_KEY = new Map<string, Exclude<ImportField, 'x' | 'y'>>();
for (const [field, keys] of Object.entries(SYNONYMS) as Array<[Exclude<ImportField, 'x' | 'y'>, string[]]>) {
  for (const k of keys) FIELD_BY_KEY.set(k, field);
}

/**
 * Maps headers to fields. The first header for a field wins; later ones stay unmapped. Coordinates
 * are taken as a pair of the same kind (longitud + latitud, öst + nord, X + Y), the first complete
 * pair in the order geographic, projected, X/Y.
 * @example recogniseHeaders(['Datum', 'Klockslag', 'Händelsetyp', 'Öst', 'Nord']).columns
 *   // { date: 'Datum', time: 'Klockslag', category: 'Händelsetyp', x: 'Öst', y: 'Nord' }
 */
export function recogniseHeaders(headers: readonly string[]): RecognisedHeaders {
  const columns: Partial<Record<ImportField, string>> = {};
  const used = new Set<string>();
  let coordinateKind: CoordinateKind | null = null;
  let namedCrs: ImportCrs | null = null;
  const keys = headers.map((h) => ({ header: h, key: stem(h) }));
  for (const pair of COORDINATE_PAIRS) {
    const x = keys.find((k) => pair.x.includes(k.key));
    const y = keys.find((k) => pair.y.includes(k.key));
    if (x && y) {
      columns.x = x.header; columns.y = y.header; coordinateKind = pair.kind;
      used.add(x.header).add(y.header);
      namedCrs = crsNamedIn(x.header) ?? crsNamedIn(y.header);
      break;
    }
  }
  for (const { header, key } of keys) {
    if (used.has(header)) continue;
    const field = FIELD_BY_KEY.get(key);
    if (field && columns[field] === undefined) { columns[field] = header; used.add(header); }
  }
  // Two columns (date, time) are the usual export and win over a one-column time beside them; one
  // date column alone holds the whole time ("Datum: 2025-03-04 21:30", or a day), and so does a
  // time column alone ("Tid: 2025-03-04 21.30").
  if (columns.date !== undefined && columns.time !== undefined) delete columns.dateTime;
  else if (columns.dateTime !== undefined) { delete columns.date; delete columns.time; }
  else if (columns.date !== undefined) { columns.dateTime = columns.date; delete columns.date; }
  else if (columns.time !== undefined) { columns.dateTime = columns.time; delete columns.time; }
  return { columns, coordinateKind, namedCrs, unmapped: headers.filter((h) => !Object.values(columns).includes(h)) };
}

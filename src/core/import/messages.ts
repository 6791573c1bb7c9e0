/**
 * What the import says, in Swedish and English: the file's problems (io/import), what detection
 * could not settle (detect.ts), each row's errors (rows.ts, and those the service adds: a point
 * outside the municipality, an unknown organisation). Messages name the row, the column and the
 * value as the file has them: "Rad 14, kolumnen Datum: ”31/2/2025” är inget datum". Every code has
 * a text in both languages (the catalogue's type says so). Pure.
 */
import { formatNumber } from '../i18n/numbers.ts';
import type { Language } from '../i18n/errors.ts';
import type { ImportField, ImportMessage, RowError, SourceFormat } from './types.ts';

/**
 * Parameters that are lists (headers, sheet names, coordinate systems) are joined with a line
 * break, so that each language can quote the items and write its own "and".
 */
export const LIST_SEPARATOR = '\n';
const LIST_PARAMS = new Set(['headers', 'sheets', 'candidates', 'columns']);

type Params = Record<string, string | number>;
/** A text with {param}s; a function where the wording depends on what is known (a value or none). */
type Text = string | ((p: Params, hasValue: boolean) => string);

const FILE_MESSAGES = {
  file_empty: { sv: 'Filen är tom.', en: 'The file is empty.' },
  file_empty_sheet: { sv: 'Bladet {sheet} är tomt.', en: 'The sheet {sheet} is empty.' },
  file_header_only: {
    sv: 'Filen har bara en rubrikrad (rad {row}) och inga rader att importera.',
    en: 'The file has only a header row (row {row}) and no rows to import.',
  },
  file_too_big: {
    sv: 'Filen är {mb} MB; högst {maxMb} MB kan importeras åt gången. Dela upp den i flera filer.',
    en: 'The file is {mb} MB; at most {maxMb} MB can be imported at a time. Split it into several files.',
  },
  file_encoding: {
    sv: 'Filens teckenkodning känns inte igen (rad {row} blir {text}). Spara den som ”CSV UTF-8” eller som Excel-arbetsbok (.xlsx) och försök igen.',
    en: 'The file\'s character encoding is not recognised (row {row} reads {text}). Save it as “CSV UTF-8” or as an Excel workbook (.xlsx) and try again.',
  },
  file_format_unknown: {
    sv: 'Filen {name} känns inte igen som CSV, Excel-arbetsbok (.xlsx) eller GeoJSON.',
    en: 'The file {name} is not recognised as CSV, an Excel workbook (.xlsx) or GeoJSON.',
  },
  file_xls: {
    sv: 'Filen {name} är en äldre Excel-fil (.xls) eller en lösenordsskyddad arbetsbok. Spara den som Excel-arbetsbok (.xlsx) eller CSV och försök igen.',
    en: 'The file {name} is an old Excel file (.xls) or a password-protected workbook. Save it as an Excel workbook (.xlsx) or CSV and try again.',
  },
  file_xlsx_unreadable: {
    sv: 'Excel-filen {name} kan inte läsas: den är skadad eller ingen arbetsbok.',
    en: 'The Excel file {name} cannot be read: it is damaged or not a workbook.',
  },
  file_sheet_missing: {
    sv: 'Bladet {sheet} finns inte i arbetsboken; den har {sheets}.',
    en: 'The sheet {sheet} is not in the workbook; it has {sheets}.',
  },
  file_header_empty: {
    sv: 'Kolumn {column} har ingen rubrik men har värden (t.ex. på rad {row}). Ge den en rubrik eller ta bort den.',
    en: 'Column {column} has no header but holds values (e.g. on row {row}). Give it a header or remove it.',
  },
  file_header_duplicate: {
    sv: 'Rubriken {header} står över flera kolumner ({columns}); varje kolumn behöver en egen rubrik.',
    en: 'The header {header} heads several columns ({columns}); each column needs a header of its own.',
  },
  file_csv_quote: {
    sv: 'Ett citattecken som börjar på rad {row} avslutas aldrig, så resten av filen kan inte läsas.',
    en: 'A quotation mark opened on row {row} is never closed, so the rest of the file cannot be read.',
  },
  file_csv: { sv: 'CSV-filen kan inte läsas vid rad {row}.', en: 'The CSV file cannot be read at row {row}.' },
  file_json: {
    sv: 'Filen är inte giltig JSON: oväntat {char} på rad {line}, tecken {position}.',
    en: 'The file is not valid JSON: unexpected {char} on line {line}, character {position}.',
  },
  file_json_end: {
    sv: 'Filen är inte giltig JSON: den tar slut mitt i (rad {line}, tecken {position}).',
    en: 'The file is not valid JSON: it ends in the middle (line {line}, character {position}).',
  },
  file_geojson_type: {
    sv: 'Filen är JSON men ingen GeoJSON FeatureCollection (den är av typen {type}).',
    en: 'The file is JSON but not a GeoJSON FeatureCollection (it is of type {type}).',
  },
  file_geojson_empty: { sv: 'GeoJSON-filen har inga objekt (features).', en: 'The GeoJSON file has no features.' },
  file_geojson_feature: {
    sv: 'Objekt {feature} i GeoJSON-filen är inget Feature-objekt.',
    en: 'Feature {feature} of the GeoJSON file is not a Feature object.',
  },
  file_geojson_geometry: {
    sv: 'Objekt {feature} i GeoJSON-filen är en {type}; bara punkter (Point) kan importeras.',
    en: 'Feature {feature} of the GeoJSON file is a {type}; only points (Point) can be imported.',
  },
  file_geojson_crs: {
    sv: 'GeoJSON-filens koordinatsystem {named} stöds inte; använd WGS 84, SWEREF 99 TM eller en lokal SWEREF 99-zon.',
    en: 'The GeoJSON file\'s coordinate system {named} is not supported; use WGS 84, SWEREF 99 TM or a local SWEREF 99 zone.',
  },
} as const satisfies Record<string, Record<Language, Text>>;

const DETECTION_MESSAGES = {
  no_date_column: {
    sv: 'Ingen kolumn med datum eller tidpunkt hittades bland rubrikerna {headers}. Välj vilken kolumn som har datum.',
    en: 'No column with a date or time was found among the headers {headers}. Choose the column that holds the date.',
  },
  no_category_column: {
    sv: 'Ingen kolumn med kategori (t.ex. Kategori, Händelsetyp, Typ) hittades bland rubrikerna {headers}. Välj vilken kolumn som har kategorin.',
    en: 'No column with a category (e.g. Category, Type) was found among the headers {headers}. Choose the column that holds the category.',
  },
  no_coordinate_columns: {
    sv: 'Inga kolumner med koordinater (t.ex. Öst och Nord, X och Y, Latitud och Longitud) hittades bland rubrikerna {headers}. Välj kolumnerna med koordinater.',
    en: 'No columns with coordinates (e.g. Easting and Northing, X and Y, Latitude and Longitude) were found among the headers {headers}. Choose the coordinate columns.',
  },
  coordinate_column_missing: {
    sv: 'Bara en kolumn med koordinater ({column}) är vald; välj både öst/longitud och nord/latitud.',
    en: 'Only one coordinate column ({column}) is chosen; choose both easting/longitude and northing/latitude.',
  },
  column_not_found: {
    sv: 'Kolumnen {column} som kopplingen anger för {field} finns inte i filen; rubrikerna är {headers}.',
    en: 'The column {column} the mapping gives for {field} is not in the file; the headers are {headers}.',
  },
  column_twice: {
    sv: 'Kolumnen {column} är vald för både {field} och {other}.',
    en: 'The column {column} is chosen for both {field} and {other}.',
  },
  crs_no_numbers: {
    sv: 'Kolumnerna {x} och {y} har inga tal att läsa koordinater ur.',
    en: 'The columns {x} and {y} hold no numbers to read coordinates from.',
  },
  crs_unknown: {
    sv: 'Koordinaterna i kolumnerna {x} och {y} (t.ex. {xSample} och {ySample} på rad {row}) passar inget koordinatsystem som används i Sverige (WGS 84, SWEREF 99 TM eller en lokal SWEREF 99-zon). Ange koordinatsystemet.',
    en: 'The coordinates in the columns {x} and {y} (e.g. {xSample} and {ySample} on row {row}) fit no coordinate system used in Sweden (WGS 84, SWEREF 99 TM or a local SWEREF 99 zone). Give the coordinate system.',
  },
  crs_ambiguous: {
    sv: 'Koordinaterna i kolumnerna {x} och {y} passar flera koordinatsystem ({candidates}). Ange vilket de är i.',
    en: 'The coordinates in the columns {x} and {y} fit several coordinate systems ({candidates}). Give the one they are in.',
  },
  coordinates_swapped: {
    sv: 'Kolumnerna {x} och {y} verkar ha bytt plats: {x} har värden som {xSample}, som hör hemma i {y}. Byt kolumnerna i kopplingen.',
    en: 'The columns {x} and {y} seem to be the wrong way round: {x} holds values like {xSample}, which belong in {y}. Exchange the columns in the mapping.',
  },
  crs_by_location: {
    sv: 'Koordinaterna passar flera koordinatsystem ({candidates}); {crs} valdes eftersom det lägger punkterna närmast kommunen.',
    en: 'The coordinates fit several coordinate systems ({candidates}); {crs} was chosen because it puts the points nearest the municipality.',
  },
  crs_by_name: {
    sv: 'Koordinaterna passar flera koordinatsystem; {crs} valdes eftersom rubriken {column} anger det.',
    en: 'The coordinates fit several coordinate systems; {crs} was chosen because the header {column} names it.',
  },
  xy_north: {
    sv: 'Kolumnen {column} har nordkoordinater (X är norr, som i svensk lantmäteripraxis) och {other} östkoordinater.',
    en: 'The column {column} holds northings (X is north, as in Swedish surveying) and {other} eastings.',
  },
  date_order_default: {
    sv: 'Datumen i kolumnen {column} kan läsas både som dag/månad och som månad/dag; de läses som dag/månad, som i Sverige.',
    en: 'The dates in the column {column} can be read as day/month and as month/day; they are read as day/month, as in Sweden.',
  },
  date_order_mixed: {
    sv: 'Datumen i kolumnen {column} är skrivna både som dag/månad och som månad/dag; de läses som {order}.',
    en: 'The dates in the column {column} are written both as day/month and as month/day; they are read as {order}.',
  },
} as const satisfies Record<string, Record<Language, Text>>;

const quoted = (lang: Language, v: string) => (lang === 'sv' ? `”${v}”` : `“${v}”`);

const ROW_MESSAGES = {
  row_field_count: { sv: 'raden har {found} fält men rubrikraden {expected}', en: 'the row has {found} fields but the header row {expected}' },
  date_missing: { sv: 'datum saknas', en: 'the date is missing' },
  date_invalid: { sv: '{value} är inget datum', en: '{value} is not a date' },
  time_invalid: { sv: '{value} är inget klockslag', en: '{value} is not a time of day' },
  window_reversed: { sv: 'sluttiden {value} ligger före starttiden', en: 'the end time {value} is before the start time' },
  window_too_long: { sv: 'tidsfönstret till {value} är längre än {days} dagar', en: 'the time window up to {value} is longer than {days} days' },
  date_in_future: { sv: '{value} ligger i framtiden', en: '{value} is in the future' },
  category_missing: { sv: 'kategori saknas', en: 'the category is missing' },
  category_unknown: {
    sv: '{value} finns inte bland kommunens kategorier; koppla värdet till en kategori',
    en: '{value} is not one of the municipality\'s categories; map the value to a category',
  },
  category_inactive: {
    sv: 'kategorin {value} används inte längre; koppla värdet till en annan kategori',
    en: 'the category {value} is no longer in use; map the value to another category',
  },
  category_rejected: { sv: 'rader med {value} ska enligt kopplingen inte importeras', en: 'rows with {value} are not to be imported, as the mapping says' },
  category_mapped_unknown: {
    sv: 'kopplingen anger kategorin {code} för {value}, men den finns inte bland kommunens kategorier',
    en: 'the mapping gives the category {code} for {value}, but the municipality has no such category',
  },
  coordinate_missing: { sv: 'koordinat saknas', en: 'the coordinate is missing' },
  coordinate_not_number: { sv: '{value} är inget tal', en: '{value} is not a number' },
  coordinate_ambiguous: {
    sv: '{value} kan läsas på två sätt (både komma och punkt, eller flera av dem); skriv talet utan tusentalsavgränsare',
    en: '{value} can be read two ways (both a comma and a point, or several of them); write the number without thousands separators',
  },
  coordinate_outside_sweden: { sv: 'punkten {value} ligger utanför Sverige i {crs}', en: 'the point {value} lies outside Sweden in {crs}' },
  point_swapped: {
    sv: 'punkten {value} ligger utanför Sverige, men med koordinaterna i omvänd ordning skulle den ligga i Sverige; har kolumnerna bytt plats?',
    en: 'the point {value} lies outside Sweden, but with the coordinates the other way round it would lie in Sweden; are the columns swapped?',
  },
  text_too_long: { sv: 'texten har {length} tecken; högst {max} får plats', en: 'the text has {length} characters; at most {max} fit' },
  reported_to_police_invalid: {
    sv: '{value} är varken ja eller nej (skriv ja/nej, x, 1/0, yes/no eller true/false)',
    en: '{value} is neither yes nor no (write yes/no, ja/nej, x, 1/0 or true/false)',
  },
  external_id_repeated: {
    sv: 'id {value} finns redan på rad {first}; varje id får bara förekomma en gång',
    en: 'the id {value} is already on row {first}; each id may occur only once',
  },
  // Added by the service (services/incident-import.ts), which checks against the database.
  unknown_organisation: {
    sv: (_p, has) => (has ? '{value} är ingen organisation som verkar i {municipality}' : 'ingen organisation i {municipality} att rapportera för'),
    en: (_p, has) => (has ? '{value} is no organisation working in {municipality}' : 'no organisation in {municipality} to report for'),
  },
  outside_municipality: {
    sv: (p, has) => `punkten ${has ? '{value} ' : ''}ligger utanför {municipality}${p.distanceM !== undefined ? ', {distanceM} m från gränsen' : ''}`,
    en: (p, has) => `the point ${has ? '{value} ' : ''}lies outside {municipality}${p.distanceM !== undefined ? ', {distanceM} m from the boundary' : ''}`,
  },
  import_failed: { sv: 'importen avbröts: {detail}', en: 'the import was stopped: {detail}' },
  import_interrupted: {
    sv: 'importen avbröts när servern som körde den stannade; inga rader sparades, importera filen igen',
    en: 'the import stopped when the server running it stopped; no rows were stored, import the file again',
  },
} as const satisfies Record<string, Record<Language, Text>>;

export type ImportFileCode = keyof typeof FILE_MESSAGES;
export type ImportDetectionCode = keyof typeof DETECTION_MESSAGES;
export type ImportRowCode = keyof typeof ROW_MESSAGES;
export type ImportCode = ImportFileCode | ImportDetectionCode | ImportRowCode;

const CATALOGUE: Record<ImportCode, Record<Language, Text>> = { ...FILE_MESSAGES, ...DETECTION_MESSAGES, ...ROW_MESSAGES };

/** Every code with a text: a guard test renders each in both languages. */
export const IMPORT_CODES = Object.keys(CATALOGUE) as ImportCode[];

const FIELD_LABELS: Record<Language, Record<ImportField, string>> = {
  sv: {
    externalId: 'id', dateTime: 'tidpunkt', date: 'datum', time: 'klockslag', dateTimeTo: 'sluttid', category: 'kategori',
    x: 'öst/longitud', y: 'nord/latitud', place: 'plats', description: 'beskrivning', organisation: 'organisation', reportedToPolice: 'polisanmäld',
  },
  en: {
    externalId: 'id', dateTime: 'date and time', date: 'date', time: 'time of day', dateTimeTo: 'end time', category: 'category',
    x: 'easting/longitude', y: 'northing/latitude', place: 'place', description: 'description', organisation: 'organisation', reportedToPolice: 'reported to police',
  },
};

/** A field in words, for messages and the mapping's drop-downs: 'kategori', 'nord/latitud'. */
export const importFieldLabel = (field: ImportField, lang: Language): string => FIELD_LABELS[lang][field] ?? field;

const MAX_VALUE = 60;
const short = (v: string) => (v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE - 1)}…` : v).replace(/\s+/g, ' ');

function list(lang: Language, joined: string): string {
  const items = joined.split(LIST_SEPARATOR).filter((s) => s !== '').map((s) => quoted(lang, s));
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'sv' ? 'och' : 'and'} ${items[items.length - 1]}`;
}

/** Names quoted (headers, sheets, columns, values), lists as lists, numbers as the language writes them. */
function param(lang: Language, key: string, v: string | number): string {
  if (LIST_PARAMS.has(key)) return list(lang, String(v));
  if (key === 'field' || key === 'other') {
    return (FIELD_LABELS[lang] as Record<string, string>)[String(v)] ?? quoted(lang, String(v));
  }
  if (['column', 'header', 'sheet', 'name', 'x', 'y', 'value', 'code', 'text', 'type', 'named'].includes(key)) return quoted(lang, short(String(v)));
  if (key === 'char') return typeof v === 'string' && v !== '' ? quoted(lang, v) : String(v);
  if (key === 'order') return v === 'mdy' ? (lang === 'sv' ? 'månad/dag' : 'month/day') : (lang === 'sv' ? 'dag/månad' : 'day/month');
  if (typeof v === 'number' && !['row', 'line', 'first', 'feature', 'position'].includes(key)) return formatNumber(lang, v, Number.isInteger(v) ? 0 : 2);
  return String(v);
}

function fill(lang: Language, text: string, params: Params): string {
  return text.replace(/\{(\w+)\}/g, (whole, k: string) => (k in params ? param(lang, k, params[k]) : whole));
}

export interface MessageFormat {
  /** GeoJSON rows are features: "Objekt 3", not "Rad 3". */
  format?: SourceFormat;
}

/**
 * A message in Swedish or English. A row error starts with where: "Rad 14, kolumnen Datum: ”31/2/2025”
 * är inget datum" (row 0 is the file as a whole). An unknown code is shown with its parameters
 * rather than dropped.
 */
export function importMessage(m: ImportMessage | RowError, lang: Language, opts: MessageFormat = {}): string {
  const isRow = 'row' in m && typeof m.row === 'number';
  const params: Params = { ...(m.params ?? {}) };
  const value = isRow ? (m as RowError).value : null;
  if (value !== null && value !== undefined) params.value = value;
  const entry = (CATALOGUE as Record<string, Record<Language, Text> | undefined>)[m.code];
  let body: string;
  if (!entry) body = `${m.code}${Object.keys(params).length ? ` (${Object.entries(params).map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}`;
  else {
    const t = entry[lang];
    body = fill(lang, typeof t === 'function' ? t(params, value !== null && value !== undefined) : t, params);
  }
  if (!isRow) return body;
  const r = m as RowError;
  if (r.row === 0) return capitalise(body);
  const where = opts.format === 'geojson' ? (lang === 'sv' ? 'Objekt' : 'Feature') : lang === 'sv' ? 'Rad' : 'Row';
  const column = r.column === null ? '' : lang === 'sv' ? `, kolumnen ${r.column}` : `, column ${r.column}`;
  return `${where} ${r.row}${column}: ${body}`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

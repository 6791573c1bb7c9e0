import type { ErrorCode, FieldIssue, FieldIssueCode } from '../errors/index.ts';
import { fieldLabel, isListField } from './fields.ts';
import { plural, type PluralForms } from './plural.ts';

export type Language = 'sv' | 'en';
export const LANGUAGES: readonly Language[] = ['sv', 'en'];

/** A message, or its plural forms chosen by the number in the param `by` ("1 rapport", "3 rapporter"). */
type Text = string | (PluralForms & { by: string });
type Catalogue = { errors: Record<ErrorCode, Text>; fields: Record<FieldIssueCode, Text> };

/** Messages for API errors. Swedish first; {name} is replaced by the issue's params. */
export const ERROR_MESSAGES: Record<Language, Catalogue> = {
  sv: {
    errors: {
      validation_failed: 'Uppgifterna kunde inte sparas. Rätta fälten nedan.',
      malformed_request: 'Begäran kunde inte läsas.',
      unauthenticated: 'Du behöver logga in.',
      invalid_credentials: 'Fel e-postadress eller lösenord.',
      csrf_failed: 'Begäran saknar giltig CSRF-token. Ladda om sidan och försök igen.',
      forbidden: 'Du har inte behörighet att göra detta.',
      not_found: 'Hittades inte.',
      conflict: 'Uppgiften har ändrats av någon annan. Ladda om och försök igen.',
      payload_too_large: 'Begäran är för stor (högst {limit} byte).',
      unsupported_media_type: 'Innehållstypen stöds inte. Skicka JSON (application/json).',
      rate_limited: 'För många försök. Vänta en stund och försök igen.',
      setup_token_invalid: 'Länken för att sätta upp Lägesbild gäller inte. Använd länken som servern skrev ut senast den startade; är Lägesbild redan uppsatt loggar du in som vanligt.',
      setup_token_used: 'Länken för att sätta upp Lägesbild har redan använts och gäller inte längre. Lägesbild är uppsatt: logga in som vanligt.',
      setup_done: 'Lägesbild är redan uppsatt här (det finns redan en kommun), så länken för att sätta upp gäller inte. Logga in som vanligt.',
      internal: 'Ett oväntat fel inträffade. Försök igen senare.',
      unavailable: 'Tjänsten är inte tillgänglig just nu.',
      account_link_invalid: 'Länken gäller inte. Kontrollera att du använt hela länken från e-postmeddelandet, eller be om en ny.',
      account_link_expired: 'Länken har slutat gälla (den var för gammal eller har ersatts av en nyare). Be om en ny länk: välj ”Glömt lösenordet?” på inloggningssidan.',
      account_link_used: 'Länken har redan använts och gäller inte längre. Logga in med ditt lösenord, eller be om en ny länk: välj ”Glömt lösenordet?” på inloggningssidan.',
      invitation_accepted: 'Användaren har redan valt ett lösenord. Skicka en länk för nytt lösenord i stället.',
      account_locked: 'För många misslyckade inloggningar med den här e-postadressen. Vänta {minutes} min och försök igen.',
      invalid_code: 'Fel kod. Ange koden som appen visar nu, eller en av dina reservkoder.',
      mfa_enrolment_required: 'Din roll kräver tvåstegsverifiering. Aktivera den under Mitt konto innan du fortsätter.',
      mfa_mandatory: 'Din roll kräver tvåstegsverifiering, så den kan inte stängas av.',
      mfa_already_enabled: 'Tvåstegsverifiering är redan aktiverad. Stäng av den först om du vill byta app.',
      origin_refused: 'Begäran kom från en annan webbplats ({origin}) än Lägesbilds egen ({expected}) och avvisades. Öppna Lägesbild från dess egen adress och försök igen.',
    },
    fields: {
      required: 'Fältet måste fyllas i.',
      unknown_field: 'Okänt fält.',
      type: 'Värdet är av fel slag.',
      format: 'Värdet har fel format.',
      too_long: { by: 'max', one: 'För lång text, högst {max} tecken.', other: 'För lång text, högst {max} tecken.' },
      too_many: { by: 'max', one: 'För många, högst {max}.', other: 'För många, högst {max}.' },
      too_short: { by: 'min', one: 'För kort, minst {min} tecken.', other: 'För kort, minst {min} tecken.' },
      too_few: { by: 'min', one: 'Välj minst {min}.', other: 'Välj minst {min}.' },
      too_small: 'Värdet är för litet: minst {min}.',
      too_large: 'Värdet är för stort: högst {max}.',
      not_allowed_value: 'Ogiltigt värde. Tillåtna värden: {allowed}.',
      invalid_json: 'Innehållet är inte giltig JSON och kunde inte läsas.',
      unknown_category: 'Kategorin finns inte.',
      inactive_category: 'Kategorin används inte längre.',
      category_has_children: 'Välj en underkategori.',
      category_other_municipality: 'Kategorin hör till en annan kommun än platsen.',
      outside_municipality: 'Platsen ligger utanför {municipalities}.',
      municipality_not_reached: 'Platsen ligger i {municipality}, där din organisation inte verkar. Du kan rapportera i {municipalities}.',
      lon_out_of_range: 'Longitud måste vara mellan -180 och 180.',
      lat_out_of_range: 'Latitud måste vara mellan -90 och 90.',
      coordinate_out_of_range: 'Koordinaten ligger utanför Sverige i {crs}.',
      unsupported_crs: 'Koordinatsystemet stöds inte. Använd EPSG:4326, 3006 eller 3007.',
      in_future: 'Tidpunkten ligger i framtiden.',
      too_old: { by: 'days', one: 'Tidpunkten ligger för långt tillbaka (högst {days} dag).', other: 'Tidpunkten ligger för långt tillbaka (högst {days} dagar).' },
      window_reversed: 'Sluttiden ligger före starttiden.',
      window_too_long: { by: 'days', one: 'Tidsfönstret är för långt (högst {days} dag).', other: 'Tidsfönstret är för långt (högst {days} dagar).' },
      exclusive_fields: 'Ange antingen {a} eller {b}, inte båda.',
      invalid_geometry: 'Geometrin är ogiltig: {reason}.',
      unknown_reference: 'Hittar inte {what}.',
      duplicate_of_self: 'En rapport kan inte vara dubblett av sig själv.',
      duplicate_of_duplicate: 'Originalet är självt markerat som dubblett; länka till dess original.',
      duplicate_of_required: 'Ange vilken rapport detta är en dubblett av.',
      duplicate_of_not_allowed: 'Originalrapport anges bara för dubbletter.',
      taken: 'Värdet används redan.',
      invalid_cursor: 'Ogiltig sidmarkör.',
      bbox_invalid: 'Ogiltig bbox: ange minLon,minLat,maxLon,maxLat.',
      cycle: 'En kategori kan inte ligga under sig själv.',
      not_permitted: 'Du får inte ändra detta fält.',
      version_mismatch: 'Versionen stämmer inte (nu {current}).',
      in_use: { by: 'count', one: 'Används av {count} rapport och kan inte tas bort; inaktivera i stället.', other: 'Används av {count} rapporter och kan inte tas bort; inaktivera i stället.' },
      period_reversed: 'Perioden slutar innan den börjar ({to} ligger före {from}).',
      period_too_long: { by: 'days', one: 'Perioden är för lång (högst {days} dag).', other: 'Perioden är för lång (högst {days} dagar).' },
      published_immutable: 'En publicerad lägesbild kan inte ändras. Skapa en ny version för att rätta den.',
      invalid_transition: 'Status kan inte ändras från {from} till {to}.',
      not_evaluable: 'Effekten kan inte beräknas: {reason}.',
      unknown_municipality: 'Det finns ingen kommun med koden {code}; ange en av SCB:s kommunkoder, t.ex. 1489 för Alingsås.',
      municipality_not_chosen: 'Kommunen {municipality} är inte bland de valda kommunerna; en organisation kan bara verka i dem.',
      duplicate_name: 'Namnet används redan av {other}; varje organisation i en kommun behöver ett eget namn och kortnamn.',
      organisation_not_listed: 'Välj en av organisationerna som sätts upp.',
      import_problem: '{message}',
      invalid_character: 'Texten innehåller ett tecken som inte kan sparas (ett NUL-tecken eller ett ofullständigt Unicode-tecken).',
      blank: 'Fältet måste fyllas i med mer än blanksteg.',
      date_out_of_range: 'Datumet måste ligga mellan år {min} och år {max}.',
      too_deep: 'Uppgiften är för djupt nästlad (högst {max} nivåer).',
      id_taken: 'Id:t används redan av en annan rapport. En ny rapport behöver ett nytt id; samma rapport skickas igen med samma innehåll.',
      wrong_password: 'Lösenordet stämmer inte.',
      common_password: 'Lösenordet är ett av de vanligaste och finns i listor över läckta lösenord. Välj ett annat.',
      wrong_code: 'Fel kod, eller en kod som redan har använts. Ange koden som appen visar nu.',
      api_key_invalid: 'Nyckeln är inte giltig för den här tjänsten.',
      api_key_revoked: 'Nyckeln har återkallats av en administratör.',
      api_key_other_jurisdiction: 'Nyckeln gäller inte för kommunen {jurisdiction}.',
      service_not_public: 'Det finns ingen kategori med koden {code} som tar emot tips från allmänheten.',
    },
  },
  en: {
    errors: {
      validation_failed: 'The data could not be saved. Correct the fields below.',
      malformed_request: 'The request could not be read.',
      unauthenticated: 'You need to log in.',
      invalid_credentials: 'Wrong e-mail address or password.',
      csrf_failed: 'The request lacks a valid CSRF token. Reload the page and try again.',
      forbidden: 'You are not allowed to do this.',
      not_found: 'Not found.',
      conflict: 'Someone else changed this record. Reload and try again.',
      payload_too_large: { by: 'limit', one: 'The request is too large (at most {limit} byte).', other: 'The request is too large (at most {limit} bytes).' },
      unsupported_media_type: 'Unsupported content type. Send JSON (application/json).',
      rate_limited: 'Too many attempts. Wait a while and try again.',
      setup_token_invalid: 'The link for setting up Lägesbild is not valid. Use the link the server printed when it last started; if Lägesbild is already set up, log in as usual.',
      setup_token_used: 'The link for setting up Lägesbild has already been used and is no longer valid. Lägesbild is set up: log in as usual.',
      setup_done: 'Lägesbild is already set up here (there is a municipality), so the set-up link is not valid. Log in as usual.',
      internal: 'An unexpected error occurred. Try again later.',
      unavailable: 'The service is unavailable right now.',
      account_link_invalid: 'The link is not valid. Check that you used the whole link from the e-mail, or ask for a new one.',
      account_link_expired: 'The link has expired (it was too old or a newer one has replaced it). Ask for a new link: choose "Forgot your password?" on the login page.',
      account_link_used: 'The link has already been used and is no longer valid. Log in with your password, or ask for a new link: choose "Forgot your password?" on the login page.',
      invitation_accepted: 'The user has already chosen a password. Send a link for a new password instead.',
      account_locked: 'Too many failed logins with this e-mail address. Wait {minutes} min and try again.',
      invalid_code: 'Wrong code. Enter the code the app shows now, or one of your recovery codes.',
      mfa_enrolment_required: 'Your role requires two-step verification. Turn it on under My account before you continue.',
      mfa_mandatory: 'Your role requires two-step verification, so it cannot be turned off.',
      mfa_already_enabled: 'Two-step verification is already on. Turn it off first if you want to change apps.',
      origin_refused: 'The request came from another site ({origin}) than Lägesbild\'s own ({expected}) and was refused. Open Lägesbild at its own address and try again.',
    },
    fields: {
      required: 'This field is required.',
      unknown_field: 'Unknown field.',
      type: 'The value is of the wrong kind.',
      format: 'The value has the wrong format.',
      too_long: { by: 'max', one: 'Too long, at most {max} character.', other: 'Too long, at most {max} characters.' },
      too_many: { by: 'max', one: 'Too many, at most {max}.', other: 'Too many, at most {max}.' },
      too_short: { by: 'min', one: 'Too short, at least {min} character.', other: 'Too short, at least {min} characters.' },
      too_few: { by: 'min', one: 'Choose at least {min}.', other: 'Choose at least {min}.' },
      too_small: 'Value too small: at least {min}.',
      too_large: 'Value too large: at most {max}.',
      not_allowed_value: 'Invalid value. Allowed: {allowed}.',
      invalid_json: 'The content is not valid JSON and could not be read.',
      unknown_category: 'The category does not exist.',
      inactive_category: 'The category is no longer in use.',
      category_has_children: 'Choose a subcategory.',
      category_other_municipality: 'The category belongs to another municipality than the location.',
      outside_municipality: 'The location is outside {municipalities}.',
      municipality_not_reached: 'The location is in {municipality}, where your organisation does not work. You can report in {municipalities}.',
      lon_out_of_range: 'Longitude must be between -180 and 180.',
      lat_out_of_range: 'Latitude must be between -90 and 90.',
      coordinate_out_of_range: 'The coordinate lies outside Sweden in {crs}.',
      unsupported_crs: 'Unsupported coordinate system. Use EPSG:4326, 3006 or 3007.',
      in_future: 'The time is in the future.',
      too_old: { by: 'days', one: 'The time is too far back (at most {days} day).', other: 'The time is too far back (at most {days} days).' },
      window_reversed: 'The end time is before the start time.',
      window_too_long: { by: 'days', one: 'The time window is too long (at most {days} day).', other: 'The time window is too long (at most {days} days).' },
      exclusive_fields: 'Give either {a} or {b}, not both.',
      invalid_geometry: 'The geometry is invalid: {reason}.',
      unknown_reference: 'Cannot find {what}.',
      duplicate_of_self: 'A report cannot be a duplicate of itself.',
      duplicate_of_duplicate: 'The original is itself marked as a duplicate; link to its original.',
      duplicate_of_required: 'Give the report this one duplicates.',
      duplicate_of_not_allowed: 'An original is only given for duplicates.',
      taken: 'The value is already in use.',
      invalid_cursor: 'Invalid page cursor.',
      bbox_invalid: 'Invalid bbox: give minLon,minLat,maxLon,maxLat.',
      cycle: 'A category cannot be placed under itself.',
      not_permitted: 'You may not change this field.',
      version_mismatch: 'Version mismatch (now {current}).',
      in_use: { by: 'count', one: 'Used by {count} report and cannot be deleted; deactivate it instead.', other: 'Used by {count} reports and cannot be deleted; deactivate it instead.' },
      period_reversed: 'The period ends before it starts ({to} is before {from}).',
      period_too_long: { by: 'days', one: 'The period is too long (at most {days} day).', other: 'The period is too long (at most {days} days).' },
      published_immutable: 'A published situation picture cannot be changed. Create a new version to correct it.',
      invalid_transition: 'The status cannot change from {from} to {to}.',
      not_evaluable: 'The effect cannot be computed: {reason}.',
      unknown_municipality: 'There is no municipality with the code {code}; give one of SCB\'s municipality codes, e.g. 1489 for Alingsås.',
      municipality_not_chosen: 'The municipality {municipality} is not among the chosen ones; an organisation can only work in those.',
      duplicate_name: 'The name is already used by {other}; each organisation in a municipality needs a name and short name of its own.',
      organisation_not_listed: 'Choose one of the organisations being set up.',
      import_problem: '{message}',
      invalid_character: 'The text contains a character that cannot be stored (a NUL character or an incomplete Unicode character).',
      blank: 'The field must hold more than white space.',
      date_out_of_range: 'The date must lie between the year {min} and the year {max}.',
      too_deep: 'The data is nested too deeply (at most {max} levels).',
      id_taken: 'The id is already taken by a different report. A new report needs a new id; the same report is sent again with the same content.',
      wrong_password: 'The password is not correct.',
      common_password: 'The password is one of the most common ones and appears in lists of leaked passwords. Choose another.',
      wrong_code: 'Wrong code, or a code already used. Enter the code the app shows now.',
      api_key_invalid: 'The key is not valid for this service.',
      api_key_revoked: 'The key has been revoked by an administrator.',
      api_key_other_jurisdiction: 'The key is not valid for the municipality {jurisdiction}.',
      service_not_public: 'There is no category with the code {code} that takes tips from the public.',
    },
  },
};

/**
 * What a field expects, in words and with an example, for the JSON-schema types and formats and
 * the format names the services give (`{ format: 'ÅÅÅÅ-MM-DD' }`): a person reads "ange ett datum,
 * t.ex. 2026-12-03", never "förväntade date-time".
 */
export const EXPECTATIONS = {
  sv: {
    number: 'ange ett tal, t.ex. 12,5', integer: 'ange ett heltal, t.ex. 12', string: 'ange en text', boolean: 'välj ja eller nej',
    array: 'ange en lista', object: 'uppgiften har fel form', dateTime: 'ange datum och klockslag, t.ex. 2026-12-03 14:30',
    date: 'ange ett datum, t.ex. 2026-12-03', choice: 'välj ett av alternativen', email: 'ange en e-postadress, t.ex. namn@kommun.se',
    uri: 'ange en webbadress som börjar med https://', tileUrl: 'ange en adress med {z}, {x} och {y}, t.ex. https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    municipalityCode: 'ange en kommunkod med fyra siffror, t.ex. 1489', municipalityCodes: 'ange en eller flera kommunkoder med fyra siffror, åtskilda av kommatecken, t.ex. 1489,1442', colour: 'ange en färg som #rrggbb, t.ex. #1a9641',
    code: 'använd små bokstäver a–z, siffror och _, med punkt mellan nivåerna, t.ex. skadegorelse.klotter',
    cellId: 'ange en ruta som storlek:kolumn:rad, t.ex. 250:1397:25663', image: 'välj en bild i formatet JPEG, PNG eller WebP', file: 'välj en fil',
    policeDatetime: 'ange tiden som polisen skriver den, t.ex. 2026-08-22 9:48:12 +02:00', latLon: 'ange latitud och longitud med kommatecken emellan, t.ex. 57.930021,12.536211',
  },
  en: {
    number: 'enter a number, e.g. 12.5', integer: 'enter a whole number, e.g. 12', string: 'enter a text', boolean: 'choose yes or no',
    array: 'give a list', object: 'the value has the wrong shape', dateTime: 'enter a date and time, e.g. 2026-12-03 14:30',
    date: 'enter a date, e.g. 2026-12-03', choice: 'choose one of the options', email: 'enter an e-mail address, e.g. name@municipality.se',
    uri: 'enter a web address starting with https://', tileUrl: 'enter an address with {z}, {x} and {y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    municipalityCode: 'enter a four-digit municipality code, e.g. 1489', municipalityCodes: 'enter one or more four-digit municipality codes separated by commas, e.g. 1489,1442', colour: 'enter a colour as #rrggbb, e.g. #1a9641',
    code: 'use lower-case letters a–z, digits and _, with a dot between the levels, e.g. skadegorelse.klotter',
    cellId: 'enter a cell as size:column:row, e.g. 250:1397:25663', image: 'choose a JPEG, PNG or WebP picture', file: 'choose a file',
    policeDatetime: 'give the time as the police write it, e.g. 2026-08-22 9:48:12 +02:00', latLon: 'give latitude and longitude separated by a comma, e.g. 57.930021,12.536211',
  },
} as const satisfies Record<Language, Record<string, string>>;
export type Expectation = keyof (typeof EXPECTATIONS)['sv'];

/**
 * Every format name the schemas (format, pattern) and the services use, to what it expects. A
 * guard test finds the format names in the source and fails on one missing here.
 */
export const FORMAT_EXPECTATIONS: Record<string, Expectation> = {
  'date-time': 'dateTime', 'ISO 8601': 'dateTime', 'ISO 8601, t.ex. 2026-11-24T18:30:00+01:00': 'dateTime',
  date: 'date', 'YYYY-MM-DD': 'date', 'ÅÅÅÅ-MM-DD': 'date', 'YYYY-MM-DD eller RFC 3339': 'date', '^\\d{4}-\\d{2}-\\d{2}$': 'date',
  uuid: 'choice', email: 'email', 'e-postadress': 'email', uri: 'uri', 'https://…/{z}/{x}/{y}.png': 'tileUrl',
  'kommunkod, t.ex. 1489': 'municipalityCode', '^[0-9]{4}$': 'municipalityCode', '^[0-9]{4}(,[0-9]{4})*$': 'municipalityCodes', '^#[0-9a-fA-F]{6}$': 'colour',
  '^[a-z0-9_]+(\\.[a-z0-9_]+)*$': 'code', 'storlek:kolumn:rad': 'cellId', 'JPEG, PNG eller WebP': 'image', binary: 'file',
  'ÅÅÅÅ-MM-DD t:mm:ss +hh:mm': 'policeDatetime', 'lat,lon': 'latLon',
};

/** The JSON-schema types, most telling first: a union with null names the other type. */
const TYPE_EXPECTATIONS: Array<[string, Expectation]> = [
  ['integer', 'integer'], ['number', 'number'], ['boolean', 'boolean'], ['string', 'string'], ['array', 'array'], ['object', 'object'],
];

/** What a type or format issue expects, or null for the other codes and an unknown format. */
export function expectationOf(issue: FieldIssue): Expectation | null {
  if (issue.code === 'type') {
    const expected = String(issue.params?.expected ?? '').split(',');
    return TYPE_EXPECTATIONS.find(([t]) => expected.includes(t))?.[1] ?? null;
  }
  if (issue.code === 'format') return FORMAT_EXPECTATIONS[String(issue.params?.format ?? '')] ?? null;
  return null;
}

/** PostGIS's reasons for an invalid geometry (ST_IsValidReason) and ours, in words; the place kept. */
const GEOMETRY_REASONS: Array<{ match: RegExp; sv: string; en: string }> = [
  { match: /^(Ring )?Self-intersection/i, sv: 'gränsen korsar sig själv', en: 'the boundary crosses itself' },
  { match: /^Too few points/i, sv: 'för få hörn', en: 'too few corners' },
  { match: /^Hole lies outside shell/i, sv: 'ett hål ligger utanför ytan', en: 'a hole lies outside the shape' },
  { match: /^Nested shells|^Nested holes/i, sv: 'ytor ligger i varandra', en: 'shapes lie inside each other' },
  { match: /^Interior is disconnected/i, sv: 'ytan delas i flera delar av ett hål', en: 'a hole splits the shape in parts' },
  { match: /^Duplicate Rings|^Repeated/i, sv: 'samma gräns finns två gånger', en: 'the same boundary occurs twice' },
  { match: /^Ring is not closed|not closed/i, sv: 'gränsen är inte sluten', en: 'the boundary is not closed' },
  { match: /^Invalid Coordinate|^Invalid coordinate/i, sv: 'en koordinat är ogiltig', en: 'a coordinate is invalid' },
  { match: /^empty geometry/i, sv: 'geometrin är tom', en: 'the geometry is empty' },
  { match: /^missing geometry type/i, sv: 'typ av geometri saknas', en: 'the type of geometry is missing' },
  { match: /^geometry type (\w+) is not allowed here/i, sv: 'typen {type} går inte att använda här', en: 'the type {type} cannot be used here' },
];

function geometryReason(lang: Language, detail: string): string {
  const hit = GEOMETRY_REASONS.find((r) => r.match.test(detail));
  const where = /\[(-?[\d.]+) (-?[\d.]+)\]/.exec(detail);
  if (!hit) return lang === 'sv' ? 'formen går inte att läsa' : 'the shape cannot be read';
  const type = hit.match.exec(detail)?.[1] ?? '';
  const text = hit[lang].replace('{type}', type);
  if (!where) return text;
  const n = (s: string) => (lang === 'sv' ? Number(s).toFixed(5).replace('.', ',') : Number(s).toFixed(5));
  return `${text} ${lang === 'sv' ? 'vid' : 'at'} ${n(where[1])} ${n(where[2])}`;
}

function fill(lang: Language, text: Text, params: Record<string, string | number> = {}): string {
  const template = typeof text === 'string' ? text : plural(lang, Number(params[text.by]), text);
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "Platsen ligger …" after a label reads "Plats: platsen ligger …"; "JSON …" keeps its capitals. */
const afterLabel = (s: string) => (/^\p{Lu}\p{Lu}/u.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1));

export interface MessageOptions {
  /** The request only reads (GET): "could not be fetched", never "could not be saved". */
  read?: boolean;
}

/** Messages for a request that only reads: nothing was being saved. */
const READ_MESSAGES: Record<Language, Partial<Record<ErrorCode, string>>> = {
  sv: { validation_failed: 'Uppgifterna kunde inte hämtas. Rätta det som anges nedan.' },
  en: { validation_failed: 'The data could not be fetched. Correct what is named below.' },
};

export function errorMessage(lang: Language, code: ErrorCode, params?: Record<string, string | number>, options: MessageOptions = {}): string {
  return fill(lang, (options.read ? READ_MESSAGES[lang][code] : undefined) ?? ERROR_MESSAGES[lang].errors[code], params);
}

/**
 * What an unknown reference was, as the services name it (in Swedish, `{ what: 'området' }`), in
 * English: an English reader never gets "Cannot find området". A guard test finds every name the
 * services use and fails on one missing here.
 */
export const REFERENCE_NAMES_EN: Record<string, string> = {
  dagordningspunkten: 'the agenda item', kategorin: 'the category', kommunen: 'the municipality', kontrollområdet: 'the control area',
  kontrollplatsen: 'the control place', lägesbilden: 'the situation picture', området: 'the area', organisationen: 'the organisation',
  originalrapporten: 'the original report', platsen: 'the place', problemet: 'the problem', 'överordnad kategori': 'the parent category',
};

/** Why one field was rejected and what it expects, without the field's name (callers may add their own). */
export function fieldMessage(lang: Language, issue: FieldIssue): string {
  const expected = expectationOf(issue);
  if (expected) return capitalise(EXPECTATIONS[lang][expected]) + '.';
  if (issue.code === 'invalid_geometry') return fill(lang, ERROR_MESSAGES[lang].fields.invalid_geometry, { reason: geometryReason(lang, String(issue.params?.detail ?? '')) });
  if (issue.code === 'unknown_reference' && lang === 'en' && issue.params?.what !== undefined) {
    const what = String(issue.params.what);
    return fill(lang, ERROR_MESSAGES.en.fields.unknown_reference, { ...issue.params, what: REFERENCE_NAMES_EN[what] ?? what });
  }
  // The services say "too long" of a list as of a text: a list has too many items, not characters.
  const code = isListField(issue.field) ? ({ too_long: 'too_many', too_short: 'too_few' } as const)[issue.code as 'too_long'] ?? issue.code : issue.code;
  return fill(lang, ERROR_MESSAGES[lang].fields[code], issue.params);
}

/**
 * The message a person reads: the field in words and what to do, "Datum för mötet: ange datum och
 * klockslag, t.ex. 2026-12-03 14:30." An unknown field is named by its path, a whole body not at all.
 */
export function labelledFieldMessage(lang: Language, issue: FieldIssue): string {
  const text = fieldMessage(lang, issue);
  if (issue.code === 'unknown_field') return `${text.replace(/\.$/, '')}: ${issue.field}.`;
  const label = fieldLabel(lang, issue.field);
  return label ? `${label}: ${afterLabel(text)}` : text;
}

/** Picks sv or en from an Accept-Language header (q-values respected); Swedish by default. */
export function negotiateLanguage(header: string | undefined): Language {
  if (!header) return 'sv';
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...rest] = part.trim().toLowerCase().split(';');
      const q = rest.map((r) => /^q=([0-9.]+)$/.exec(r.trim())).find(Boolean);
      return { tag, q: q ? Number(q[1]) : 1, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (base === 'sv' || base === 'en') return base;
    if (base === 'nb' || base === 'no' || base === 'da') return 'sv';
  }
  return 'sv';
}

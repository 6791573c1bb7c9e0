/**
 * The names of request fields in words a user knows, so an error can say which field is wrong
 * ("Datum för mötet: …") instead of the wire name. Keyed by the last name in the field's path; a key
 * with a parent ("comparison.value") wins over the plain name. A guard test keeps every field of
 * every request schema named here in both languages.
 */
/** The languages of the messages (errors.ts re-exports the same union). */
type Language = 'sv' | 'en';

type Labels = Record<string, string>;

const SV: Labels = {
  active: 'Aktiv', actualEnd: 'Faktiskt slut', actualStart: 'Faktisk start', adoptedAt: 'Antagen datum', adoptedBy: 'Antagen av',
  agenda: 'Dagordning', agendaItem: 'Punkt på dagordningen', analysis: 'Analys', area: 'Område', areaId: 'Område', assessment: 'Bedömning',
  attribution: 'Källhänvisning', bbox: 'Kartutsnitt', bufferM: 'Avstånd runt platsen (m)', cadence: 'Hur ofta', categories: 'Kategorier',
  categoryId: 'Kategori', categoryIds: 'Kategorier', cellIds: 'Rutor', cellSize: 'Rutstorlek', code: 'Kod', codeProperty: 'Egenskap med kod',
  colour: 'Färg', comment: 'Kommentar', comparison: 'Jämförelse', 'comparison.label': 'Jämförelsens namn', 'comparison.value': 'Jämförelsevärde',
  controlAreaId: 'Kontrollområde', controlPlaceId: 'Kontrollplats', coordinates: 'Koordinater', costSek: 'Kostnad (kr)', crs: 'Koordinatsystem',
  cursor: 'Sidmarkör', description: 'Beskrivning', detail: 'Beskrivning', distance: 'Avstånd', due: 'Klart senast', duplicateOf: 'Originalrapport',
  e: 'Östlig koordinat (E)', email: 'E-postadress', features: 'Objekt', followUp: 'Uppföljning', format: 'Filformat', from: 'Från och med',
  geojson: 'GeoJSON-fil', geometry: 'Geometri', heldAt: 'Datum för mötet', icon: 'Symbol', id: 'Id', incidentId: 'Händelse', edition: 'Lägesbild', import: 'Import', mapping: 'Kolumnmappning', columns: 'Kolumner', externalId: 'Id i filen', dateTime: 'Tidpunkt i filen', date: 'Datum', time: 'Klockslag', dateTimeTo: 'Tidpunkt till', category: 'Kategori', dateOrder: 'Datumordning', sheet: 'Blad',
  indicator: 'Indikator', introduction: 'Inledning', kind: 'Typ', label: 'Namn', lat: 'Latitud', level: 'Nivå', limit: 'Antal per sida',
  location: 'Plats', lon: 'Longitud', maxZoom: 'Största zoomnivå', measure: 'Åtgärd', meetingId: 'Möte', mine: 'Bara mina',
  minutes: 'Protokoll', municipalities: 'Kommuner', municipality: 'Kommun', municipalityId: 'Kommun', n: 'Nordlig koordinat (N)',
  name: 'Namn', nameEn: 'Namn på engelska', nameProperty: 'Egenskap med namn', nameSv: 'Namn på svenska', narrative: 'Text',
  notes: 'Anteckningar', notify: 'E-post att meddela', occurredAt: 'Tidpunkt', occurredFrom: 'Tidigast', occurredTo: 'Senast',
  offender: 'Gärningsperson', organisationId: 'Organisation', organisationIds: 'Organisationer', organisations: 'Organisationer',
  otherId: 'Jämförd lägesbild', parentId: 'Överordnad kategori', participants: 'Deltagare', password: 'Lösenord', photo: 'Foto',
  photoId: 'Foto', place: 'Plats', placeId: 'Plats', placeName: 'Platsbeskrivning', plannedEnd: 'Planerat slut', plannedStart: 'Planerad start',
  positionPrecision: 'Positionens noggrannhet', precisionM: 'Noggrannhet (m)', present: 'Närvarande', priorities: 'Prioriterade problem',
  priority: 'Prioritet', problem: 'Problem', problems: 'Prioriterade problem', properties: 'Egenskaper', q: 'Sökord', ref: 'Hänvisning',
  reportedToPolice: 'Anmäld till polisen', responsiblePerson: 'Ansvarig person', reviewStatus: 'Granskningsstatus', roles: 'Roller',
  rowVersion: 'Version', shortName: 'Kortnamn', situationPictureId: 'Lägesbild', sort: 'Sortering', sortOrder: 'Ordning', source: 'Källa',
  status: 'Status', statusLevels: 'Statusnivåer', suggestedMeasures: 'Förslag på åtgärder', summary: 'Sammanfattning', survey: 'Enkätuppgifter',
  target: 'Offer eller mål', term: 'Tidsperspektiv', text: 'Beslut', tileUrl: 'Adress till kartbilder', title: 'Rubrik', to: 'Till och med',
  type: 'Typ', unit: 'Enhet', value: 'Värde', version: 'Version', visibility: 'Synlighet', weekday: 'Veckodag', weeks: 'Veckor', year: 'År',
  zoom: 'Zoomnivå', problemId: 'Problem i lägesbilden', lang: 'Språk', decisionId: 'Beslut', z: 'Zoomnivå', x: 'Kolumn', y: 'Rad',
  // The first-start set-up (POST /api/setup).
  token: 'Länk för att sätta upp', administrator: 'Första administratör', organisation: 'Organisation',
  accountToken: 'Länken från e-postmeddelandet', currentPassword: 'Nuvarande lösenord', newPassword: 'Nytt lösenord',
  'administrator.organisation': 'Administratörens organisation',
  // A file of Polisen's events (POST /api/police-events/import): the file, and an event's fields by Polisen's names.
  file: 'Fil', events: 'Polisens händelser', datetime: 'Tidpunkt', url: 'Länk', 'location.name': 'Kommun eller län', 'location.gps': 'Position',
  // Single sign-on (GET /api/auth/oidc/{provider}/…, PUT /api/settings/sso).
  provider: 'Inloggningstjänst', issuer: 'Utfärdare (issuer)', clientId: 'Klient-id', clientSecret: 'Klienthemlighet',
  userClaim: 'Anspråk som identifierar användaren', groupMapping: 'Grupper till organisation och roller', group: 'Grupp',
  createUsers: 'Skapa okända användare', enabled: 'Påslagen', 'groupMapping.organisationId': 'Gruppens organisation', 'groupMapping.roles': 'Gruppens roller',
  // Retention rules (PUT /api/settings/retention, POST /api/settings/retention/runs).
  automatic: 'Gallra automatiskt', freeTextMonths: 'Fritext och foton sparas (månader)', coarsenPositionYears: 'Exakta positioner sparas (år)',
  closedAccountMonths: 'Stängda konton sparas (månader)', auditLogYears: 'Granskningsloggen sparas (år)', dryRun: 'Provkörning',
  // The audit view (GET /api/audit).
  userId: 'Användare', action: 'Händelse i loggen',
  // Open311 GeoReport v2 (the specification's parameter names).
  api_key: 'API-nyckel (api_key)', jurisdiction_id: 'Kommun (jurisdiction_id)', service_code: 'Tjänst (service_code)', long: 'Longitud (long)',
  address_string: 'Adress (address_string)', address_id: 'Adress-id (address_id)', media_url: 'Bildlänk (media_url)', first_name: 'Förnamn',
  last_name: 'Efternamn', phone: 'Telefon', device_id: 'Enhets-id (device_id)', account_id: 'Konto-id (account_id)',
  service_request_id: 'Ärende-id (service_request_id)', start_date: 'Från och med (start_date)', end_date: 'Till och med (end_date)',
  openToPublic: 'Tar emot tips från allmänheten',
  // A personal API token (POST /api/me/tokens).
  expiresInDays: 'Giltighetstid (dagar)',
};

const EN: Labels = {
  active: 'Active', actualEnd: 'Actual end', actualStart: 'Actual start', adoptedAt: 'Date adopted', adoptedBy: 'Adopted by',
  agenda: 'Agenda', agendaItem: 'Agenda item', analysis: 'Analysis', area: 'Area', areaId: 'Area', assessment: 'Assessment',
  attribution: 'Attribution', bbox: 'Map extent', bufferM: 'Distance around the place (m)', cadence: 'How often', categories: 'Categories',
  categoryId: 'Category', categoryIds: 'Categories', cellIds: 'Cells', cellSize: 'Cell size', code: 'Code', codeProperty: 'Property holding the code',
  colour: 'Colour', comment: 'Comment', comparison: 'Comparison', 'comparison.label': 'Name of the comparison', 'comparison.value': 'Comparison value',
  controlAreaId: 'Control area', controlPlaceId: 'Control place', coordinates: 'Coordinates', costSek: 'Cost (SEK)', crs: 'Coordinate system',
  cursor: 'Page cursor', description: 'Description', detail: 'Description', distance: 'Distance', due: 'Due', duplicateOf: 'Original report',
  e: 'Easting (E)', email: 'E-mail address', features: 'Features', followUp: 'Follow-up', format: 'File format', from: 'From',
  geojson: 'GeoJSON file', geometry: 'Geometry', heldAt: 'Date of the meeting', icon: 'Symbol', id: 'Id', incidentId: 'Incident', edition: 'Situation picture', import: 'Import', mapping: 'Column mapping', columns: 'Columns', externalId: 'Id in the file', dateTime: 'Time in the file', date: 'Date', time: 'Time of day', dateTimeTo: 'Time to', category: 'Category', dateOrder: 'Date order', sheet: 'Sheet',
  indicator: 'Indicator', introduction: 'Introduction', kind: 'Type', label: 'Name', lat: 'Latitude', level: 'Level', limit: 'Number per page',
  location: 'Location', lon: 'Longitude', maxZoom: 'Largest zoom level', measure: 'Measure', meetingId: 'Meeting', mine: 'Only mine',
  minutes: 'Minutes', municipalities: 'Municipalities', municipality: 'Municipality', municipalityId: 'Municipality', n: 'Northing (N)',
  name: 'Name', nameEn: 'Name in English', nameProperty: 'Property holding the name', nameSv: 'Name in Swedish', narrative: 'Text',
  notes: 'Notes', notify: 'E-mail to notify', occurredAt: 'Time', occurredFrom: 'Earliest', occurredTo: 'Latest',
  offender: 'Offender', organisationId: 'Organisation', organisationIds: 'Organisations', organisations: 'Organisations',
  otherId: 'Compared situation picture', parentId: 'Parent category', participants: 'Participants', password: 'Password', photo: 'Photo',
  photoId: 'Photo', place: 'Place', placeId: 'Place', placeName: 'Description of the place', plannedEnd: 'Planned end', plannedStart: 'Planned start',
  positionPrecision: 'Precision of the position', precisionM: 'Precision (m)', present: 'Present', priorities: 'Prioritised problems',
  priority: 'Priority', problem: 'Problem', problems: 'Prioritised problems', properties: 'Properties', q: 'Search text', ref: 'Reference',
  reportedToPolice: 'Reported to the police', responsiblePerson: 'Person responsible', reviewStatus: 'Review status', roles: 'Roles',
  rowVersion: 'Version', shortName: 'Short name', situationPictureId: 'Situation picture', sort: 'Sort order', sortOrder: 'Order', source: 'Source',
  status: 'Status', statusLevels: 'Status levels', suggestedMeasures: 'Suggested measures', summary: 'Summary', survey: 'Survey figures',
  target: 'Victim or target', term: 'Time frame', text: 'Decision', tileUrl: 'Address of the map tiles', title: 'Title', to: 'To',
  type: 'Type', unit: 'Unit', value: 'Value', version: 'Version', visibility: 'Visibility', weekday: 'Weekday', weeks: 'Weeks', year: 'Year',
  zoom: 'Zoom level', problemId: 'Problem in the situation picture', lang: 'Language', decisionId: 'Decision', z: 'Zoom level', x: 'Column', y: 'Row',
  token: 'Set-up link', administrator: 'First administrator', organisation: 'Organisation',
  accountToken: 'The link from the e-mail', currentPassword: 'Current password', newPassword: 'New password',
  'administrator.organisation': 'The administrator\'s organisation',
  file: 'File', events: 'Police events', datetime: 'Time', url: 'Link', 'location.name': 'Municipality or county', 'location.gps': 'Position',
  provider: 'Sign-in service', issuer: 'Issuer', clientId: 'Client id', clientSecret: 'Client secret',
  userClaim: 'Claim that identifies the user', groupMapping: 'Groups to organisation and roles', group: 'Group',
  createUsers: 'Create unknown users', enabled: 'Switched on', 'groupMapping.organisationId': 'The group\'s organisation', 'groupMapping.roles': 'The group\'s roles',
  automatic: 'Apply automatically', freeTextMonths: 'Keep free text and photos (months)', coarsenPositionYears: 'Keep exact positions (years)',
  closedAccountMonths: 'Keep closed accounts (months)', auditLogYears: 'Keep the audit log (years)', dryRun: 'Dry run',
  // The audit view (GET /api/audit).
  userId: 'User', action: 'Logged action',
  // Open311 GeoReport v2 (the specification's parameter names).
  api_key: 'API key (api_key)', jurisdiction_id: 'Municipality (jurisdiction_id)', service_code: 'Service (service_code)', long: 'Longitude (long)',
  address_string: 'Address (address_string)', address_id: 'Address id (address_id)', media_url: 'Image link (media_url)', first_name: 'First name',
  last_name: 'Last name', phone: 'Phone', device_id: 'Device id (device_id)', account_id: 'Account id (account_id)',
  service_request_id: 'Request id (service_request_id)', start_date: 'From (start_date)', end_date: 'Until (end_date)',
  openToPublic: 'Takes tips from the public',
  expiresInDays: 'Valid for (days)',
};

/** What one element of a list is called, for "(rad 2)": the list's name → the word for its items. */
const ITEM: Record<Language, Labels> = {
  sv: {
    survey: 'rad', priorities: 'problem', problems: 'problem', features: 'objekt', categoryIds: 'kategori', cellIds: 'ruta', notify: 'rad',
    statusLevels: 'rad', participants: 'deltagare', present: 'deltagare', agenda: 'punkt', roles: 'roll', municipalities: 'kommun',
    organisationIds: 'organisation', coordinates: 'punkt', organisations: 'organisation', events: 'händelse',
    groupMapping: 'rad',
  },
  en: {
    survey: 'row', priorities: 'problem', problems: 'problem', features: 'feature', categoryIds: 'category', cellIds: 'cell', notify: 'line',
    statusLevels: 'row', participants: 'participant', present: 'participant', agenda: 'item', roles: 'role', municipalities: 'municipality',
    organisationIds: 'organisation', coordinates: 'point', organisations: 'organisation', events: 'event',
    groupMapping: 'row',
  },
};

export const FIELD_LABELS: Record<Language, Labels> = { sv: SV, en: EN };

/**
 * Whether a path names a whole list (`notify`, `geojson.features`), not one of its elements: "too
 * long" then means too many items, not too many characters.
 */
export function isListField(path: string): boolean {
  const last = segments(path).at(-1);
  return typeof last === 'string' && last in ITEM.sv;
}

/** The names in a field path: "survey[2].comparison.value" → ["survey", 2, "comparison", "value"]. */
function segments(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/**
 * A field path in words: "Värde (rad 3)" for `survey[2].value`, "Datum för mötet" for `heldAt`;
 * null when the path names nothing a user filled in (the whole body, an unknown name).
 */
export function fieldLabel(lang: Language, path: string): string | null {
  const parts = segments(path);
  const labels = FIELD_LABELS[lang];
  const names = parts.filter((p): p is string => typeof p === 'string');
  if (names.length === 0 || (names.length === 1 && names[0] === 'body')) return null;
  // The innermost list the field sits in (or is an element of) says which row it is.
  let item: string | null = null;
  for (let i = parts.length - 1; i > 0; i--) {
    const index = parts[i], list = parts[i - 1];
    if (typeof index === 'number' && typeof list === 'string') {
      item = `${ITEM[lang][list] ?? (lang === 'sv' ? 'nr' : 'no.')} ${index + 1}`;
      break;
    }
  }
  const leaf = names[names.length - 1];
  const parent = names[names.length - 2];
  const label = (parent !== undefined ? labels[`${parent}.${leaf}`] : undefined) ?? labels[leaf];
  if (!label) return null;
  return item ? `${label} (${item})` : label;
}

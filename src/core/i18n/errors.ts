import type { ErrorCode, FieldIssue, FieldIssueCode } from '../errors/index.ts';

export type Language = 'sv' | 'en';
export const LANGUAGES: readonly Language[] = ['sv', 'en'];

type Catalogue = { errors: Record<ErrorCode, string>; fields: Record<FieldIssueCode, string> };

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
      internal: 'Ett oväntat fel inträffade. Försök igen senare.',
      unavailable: 'Tjänsten är inte tillgänglig just nu.',
    },
    fields: {
      required: 'Fältet måste fyllas i.',
      unknown_field: 'Okänt fält.',
      type: 'Fel typ av värde (förväntade {expected}).',
      format: 'Ogiltigt format (förväntade {format}).',
      too_long: 'För lång text: högst {max} tecken.',
      too_short: 'För kort: minst {min} tecken.',
      too_small: 'Värdet är för litet: minst {min}.',
      too_large: 'Värdet är för stort: högst {max}.',
      not_allowed_value: 'Ogiltigt värde. Tillåtna värden: {allowed}.',
      invalid_json: 'Ogiltig JSON: {detail}.',
      unknown_category: 'Kategorin finns inte.',
      inactive_category: 'Kategorin används inte längre.',
      category_has_children: 'Välj en underkategori.',
      category_other_municipality: 'Kategorin hör till en annan kommun än platsen.',
      outside_municipality: 'Platsen ligger utanför {municipalities}.',
      lon_out_of_range: 'Longitud måste vara mellan -180 och 180.',
      lat_out_of_range: 'Latitud måste vara mellan -90 och 90.',
      coordinate_out_of_range: 'Koordinaten ligger utanför Sverige i {crs}.',
      unsupported_crs: 'Koordinatsystemet stöds inte. Använd EPSG:4326, 3006 eller 3007.',
      in_future: 'Tidpunkten ligger i framtiden.',
      too_old: 'Tidpunkten ligger för långt tillbaka (högst {days} dagar).',
      window_reversed: 'Sluttiden ligger före starttiden.',
      window_too_long: 'Tidsfönstret är för långt (högst {days} dagar).',
      exclusive_fields: 'Ange antingen {a} eller {b}, inte båda.',
      invalid_geometry: 'Ogiltig geometri: {detail}.',
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
      in_use: 'Används av {count} rapporter och kan inte tas bort; inaktivera i stället.',
      period_reversed: 'Perioden slutar innan den börjar ({to} ligger före {from}).',
      period_too_long: 'Perioden är för lång (högst {days} dagar).',
      published_immutable: 'En publicerad lägesbild kan inte ändras. Skapa en ny version för att rätta den.',
      invalid_transition: 'Status kan inte ändras från {from} till {to}.',
      not_evaluable: 'Effekten kan inte beräknas: {reason}.',
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
      payload_too_large: 'The request is too large (at most {limit} bytes).',
      unsupported_media_type: 'Unsupported content type. Send JSON (application/json).',
      rate_limited: 'Too many attempts. Wait a while and try again.',
      internal: 'An unexpected error occurred. Try again later.',
      unavailable: 'The service is unavailable right now.',
    },
    fields: {
      required: 'This field is required.',
      unknown_field: 'Unknown field.',
      type: 'Wrong type of value (expected {expected}).',
      format: 'Invalid format (expected {format}).',
      too_long: 'Too long: at most {max} characters.',
      too_short: 'Too short: at least {min} characters.',
      too_small: 'Value too small: at least {min}.',
      too_large: 'Value too large: at most {max}.',
      not_allowed_value: 'Invalid value. Allowed: {allowed}.',
      invalid_json: 'Invalid JSON: {detail}.',
      unknown_category: 'The category does not exist.',
      inactive_category: 'The category is no longer in use.',
      category_has_children: 'Choose a subcategory.',
      category_other_municipality: 'The category belongs to another municipality than the location.',
      outside_municipality: 'The location is outside {municipalities}.',
      lon_out_of_range: 'Longitude must be between -180 and 180.',
      lat_out_of_range: 'Latitude must be between -90 and 90.',
      coordinate_out_of_range: 'The coordinate lies outside Sweden in {crs}.',
      unsupported_crs: 'Unsupported coordinate system. Use EPSG:4326, 3006 or 3007.',
      in_future: 'The time is in the future.',
      too_old: 'The time is too far back (at most {days} days).',
      window_reversed: 'The end time is before the start time.',
      window_too_long: 'The time window is too long (at most {days} days).',
      exclusive_fields: 'Give either {a} or {b}, not both.',
      invalid_geometry: 'Invalid geometry: {detail}.',
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
      in_use: 'Used by {count} reports and cannot be deleted; deactivate it instead.',
      period_reversed: 'The period ends before it starts ({to} is before {from}).',
      period_too_long: 'The period is too long (at most {days} days).',
      published_immutable: 'A published situation picture cannot be changed. Create a new version to correct it.',
      invalid_transition: 'The status cannot change from {from} to {to}.',
      not_evaluable: 'The effect cannot be computed: {reason}.',
    },
  },
};

function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

export function errorMessage(lang: Language, code: ErrorCode, params?: Record<string, string | number>): string {
  return fill(ERROR_MESSAGES[lang].errors[code], params);
}

export function fieldMessage(lang: Language, issue: FieldIssue): string {
  return fill(ERROR_MESSAGES[lang].fields[issue.code], issue.params);
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

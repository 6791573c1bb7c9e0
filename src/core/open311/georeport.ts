/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) as this server speaks it: the shapes
 * of its answers, the public status of a tip, the api_key's form and what a tip's sender's contact
 * details are kept apart from. Pure: the routes and the service (src/services/open311.ts) use it.
 */
import type { Language } from '../i18n/errors.ts';
import type { ReviewStatus } from '../incidents/rules.ts';

export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

/** GET requests without ids: the specification's default window and this server's largest answer. */
export const REQUESTS_DEFAULT_DAYS = 90;
export const REQUESTS_MAX = 1000;
/**
 * service_request_id=a,b,c: at most this many ids in one query. 400 ids are 15,000 characters of
 * URL, within what an HTTP server takes in a request line (Node: 16 kB of headers in all).
 */
export const REQUEST_IDS_MAX = 400;

/**
 * Decimals of a tip's published position: three (about 110 m north–south, 60 m east–west in Sweden).
 * The status list is public, and a point to the metre tells where the sender stood.
 */
export const PUBLIC_POSITION_DECIMALS = 3;

export const coarsen = (degrees: number) => {
  const f = 10 ** PUBLIC_POSITION_DECIMALS;
  return Math.round(degrees * f) / f;
};

// --- api_key ---------------------------------------------------------------------------------

/**
 * An api_key: "lb311_", the municipality's SCB code, "_" and 43 characters of base64url (32 random
 * bytes). The municipality in the key lets a request find its key in one municipality (one shard on
 * Citus); the random part is the secret. Only its SHA-256 is stored.
 */
const API_KEY_RE = /^lb311_([0-9]{4})_([A-Za-z0-9_-]{43})$/;

export function formatApiKey(municipalityId: string, secret: string): string {
  const key = `lb311_${municipalityId}_${secret}`;
  if (!API_KEY_RE.test(key)) throw new Error('an api_key needs a municipality code and 32 random bytes in base64url');
  return key;
}

/** The municipality an api_key names, or null for anything not shaped like one of ours. */
export function apiKeyMunicipality(key: string): string | null {
  return API_KEY_RE.exec(key)?.[1] ?? null;
}

// --- services ----------------------------------------------------------------------------------

/** A category open to the public, with its parent's names (the service's group). */
export interface PublicCategory {
  code: string;
  nameSv: string;
  nameEn: string;
  parentNameSv: string | null;
  parentNameEn: string | null;
}

export interface Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

/**
 * A category as a GeoReport service. The code is the category's stable code (the same in every
 * municipality); the name in the caller's language; the other language's name among the keywords,
 * so a client can match either. No category has attributes (metadata false), and a tip is stored
 * at once with its id (type realtime).
 */
export function serviceOf(c: PublicCategory, lang: Language, municipalityName: string): Service {
  const [name, other, group] = lang === 'en' ? [c.nameEn, c.nameSv, c.parentNameEn] : [c.nameSv, c.nameEn, c.parentNameSv];
  return {
    service_code: c.code,
    service_name: name,
    description: lang === 'en'
      ? `${name}: a tip to ${municipalityName} municipality's shared picture of crime and unsafety, reviewed before use.`
      : `${name}: ett tips till ${municipalityName} kommuns lägesbild över brott och otrygghet, granskas före användning.`,
    metadata: false,
    type: 'realtime',
    keywords: [other, ...(group ? [group] : [])].join(', '),
    group: group ?? name,
  };
}

// --- requests ----------------------------------------------------------------------------------

export type PublicStatus = 'open' | 'closed';

/**
 * A tip's public status from its review: waiting for review or accepted into the picture is open;
 * rejected or found to be a duplicate is closed, with a note saying which (never what it duplicates:
 * that may be a staff report).
 */
export function publicStatus(review: ReviewStatus, lang: Language): { status: PublicStatus; status_notes: string } {
  const notes: Record<ReviewStatus, [PublicStatus, string, string]> = {
    new: ['open', 'Mottaget, väntar på granskning.', 'Received, waiting for review.'],
    reviewed: ['open', 'Granskat och med i lägesbilden.', 'Reviewed and included in the situation picture.'],
    rejected: ['closed', 'Avslutat: togs inte med i lägesbilden vid granskningen.', 'Closed: not included in the situation picture at review.'],
    duplicate: ['closed', 'Avslutat: samma händelse var redan rapporterad.', 'Closed: the same incident had already been reported.'],
  };
  const [status, sv, en] = notes[review];
  return { status, status_notes: lang === 'en' ? en : sv };
}

/** Review statuses behind a public status (the status filter of GET requests). */
export const REVIEW_STATUSES_OF: Record<PublicStatus, ReviewStatus[]> = {
  open: ['new', 'reviewed'],
  closed: ['rejected', 'duplicate'],
};

/** A tip as the status list reads it from the database: public fields only. */
export interface PublicTip {
  incidentId: string;
  serviceCode: string;
  categoryNameSv: string;
  categoryNameEn: string;
  description: string | null;
  reviewStatus: ReviewStatus;
  requestedAt: Date;
  updatedAt: Date;
  address: string | null;
  lon: number;
  lat: number;
}

export interface ServiceRequest {
  service_request_id: string;
  status: PublicStatus;
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string | null;
  requested_datetime: string;
  updated_datetime: string;
  address: string | null;
  lat: number;
  long: number;
}

/** A tip's public status in GeoReport's fields: the position coarsened, no contact detail, no staff data. */
export function serviceRequestOf(t: PublicTip, lang: Language): ServiceRequest {
  return {
    service_request_id: t.incidentId,
    ...publicStatus(t.reviewStatus, lang),
    service_name: lang === 'en' ? t.categoryNameEn : t.categoryNameSv,
    service_code: t.serviceCode,
    description: t.description,
    requested_datetime: t.requestedAt.toISOString(),
    updated_datetime: t.updatedAt.toISOString(),
    address: t.address,
    lat: coarsen(t.lat),
    long: coarsen(t.lon),
  };
}

// --- contact details -------------------------------------------------------------------------------

/** The sender's contact details a POST may carry: personal data, kept apart from the incident. */
export interface TipContact {
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  device_id: string | null;
  account_id: string | null;
}

export const CONTACT_FIELDS = ['email', 'first_name', 'last_name', 'phone', 'device_id', 'account_id'] as const satisfies ReadonlyArray<keyof TipContact>;

/** What a name found in the text is replaced by (the general detector finds no names). */
export const NAME_PLACEHOLDER = '[namn borttaget]';
export const CONTACT_PLACEHOLDER = '[kontaktuppgift borttagen]';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The sender's own contact details wherever the text repeats them ("detail: … /Anna Svensson"):
 * a client such as FixMyStreet writes the sender's name into the description, and the general
 * detector (core/privacy) knows phone numbers and e-mail addresses but not names. Whole words,
 * any case; names of a single letter are left (they would hit ordinary words).
 */
export function stripContact(text: string, contact: Partial<TipContact>): string {
  let out = text;
  const replace = (value: string | null | undefined, placeholder: string, minLength: number) => {
    const v = value?.trim();
    if (!v || v.length < minLength) return;
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(v)}(?![\\p{L}\\p{N}])`, 'giu'), placeholder);
  };
  // The details a name may be part of (anna.svensson@…) first, then the whole name, then its parts.
  for (const k of ['email', 'phone', 'device_id', 'account_id'] as const) replace(contact[k], CONTACT_PLACEHOLDER, 3);
  const full = [contact.first_name, contact.last_name].map((x) => x?.trim()).filter(Boolean).join(' ');
  replace(full, NAME_PLACEHOLDER, 2);
  replace(contact.first_name, NAME_PLACEHOLDER, 2);
  replace(contact.last_name, NAME_PLACEHOLDER, 2);
  return out;
}

/**
 * How long the sender's contact details are kept: while the tip waits for review and 30 days after
 * (a reviewer may ask back), never more than 180 days after it came in. Then they are deleted; the
 * tip itself stays an incident like any other.
 */
export const CONTACT_KEEP = { afterReviewDays: 30, maxDays: 180 } as const;

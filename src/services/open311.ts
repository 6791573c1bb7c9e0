/**
 * Open311 GeoReport v2 (issue 17, items 6 and 7): the services a municipality takes tips in, a tip
 * from another system into the review queue, the tips' public status, and the client systems'
 * api_keys. A tip obeys the rules of any report: a position within the municipality's boundary
 * (with the deployment's tolerance), free text stripped of personal data, review before use. The
 * sender's contact details go to a table of their own (open311_contacts), never into the incident.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { DomainError, IssueCollector, notFound } from '../core/errors/index.ts';
import type { Language } from '../core/i18n/errors.ts';
import { DEFAULT_BOUNDARY_TOLERANCE_M, INCIDENT_LIMITS, cleanText, resolveLocation } from '../core/incidents/rules.ts';
import type { HistoryChanges, IncidentRecord } from '../core/incidents/types.ts';
import {
  CONTACT_FIELDS, CONTACT_KEEP, REQUEST_IDS_MAX, REQUESTS_DEFAULT_DAYS, REQUESTS_MAX, REVIEW_STATUSES_OF, apiKeyMunicipality, formatApiKey,
  serviceOf, serviceRequestOf, stripContact, type PublicStatus, type Service, type ServiceRequest, type TipContact,
} from '../core/open311/georeport.ts';
import { redactPersonalData, type PersonalDataKind } from '../core/privacy/index.ts';
import type { Database, Queryable } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { getIncidentRecord, insertHistory, insertIncident } from '../db/repositories/incidents.ts';
import { listMunicipalities, municipalityAt } from '../db/repositories/municipalities.ts';
import {
  findOpen311KeyByHash, findPublicCategoryId, getOpen311Contact, getOpen311Key, insertOpen311Contact, insertOpen311Key, insertOpen311Request,
  listOpen311Keys, listPublicCategories, listPublicTips, purgeOpen311Contacts, revokeOpen311Key, touchOpen311Key, type Open311Key,
} from '../db/repositories/open311.ts';
import { getOrganisation, listOrganisations } from '../db/repositories/organisations.ts';
import type { MunicipalityRow } from '../core/municipalities/types.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// --- jurisdictions and keys ------------------------------------------------------------------------

/**
 * The municipality a request is about: the jurisdiction_id asked for (an SCB code of this
 * deployment), or the deployment's only municipality. With several, a client must say which.
 */
export async function resolveJurisdiction(db: Queryable, jurisdictionId: string | undefined): Promise<MunicipalityRow> {
  const all = await listMunicipalities(db);
  if (jurisdictionId !== undefined) {
    const m = all.find((x) => x.id === jurisdictionId);
    if (!m) throw new DomainError('not_found', [{ field: 'jurisdiction_id', code: 'unknown_municipality', params: { code: jurisdictionId } }], { what: 'jurisdiction_id' });
    return m;
  }
  if (all.length === 1) return all[0];
  throw new DomainError('validation_failed', [{ field: 'jurisdiction_id', code: 'required' }]);
}

/** A client system as its api_key identifies it. */
export interface ClientSystem {
  keyId: string;
  name: string;
  municipalityId: string;
  organisationId: string;
}

/**
 * The client system behind an api_key, or 403 naming the key: one this deployment never issued,
 * or one an administrator revoked. A jurisdiction_id sent along must be the key's municipality.
 */
export async function authenticateKey(db: Queryable, apiKey: string, jurisdictionId?: string): Promise<ClientSystem> {
  const municipalityId = apiKeyMunicipality(apiKey);
  const key = municipalityId ? await findOpen311KeyByHash(db, municipalityId, sha256(apiKey)) : null;
  if (!key || !municipalityId) throw new DomainError('forbidden', [{ field: 'api_key', code: 'api_key_invalid' }]);
  if (key.revokedAt) throw new DomainError('forbidden', [{ field: 'api_key', code: 'api_key_revoked' }]);
  if (jurisdictionId !== undefined && jurisdictionId !== municipalityId) {
    throw new DomainError('forbidden', [{ field: 'jurisdiction_id', code: 'api_key_other_jurisdiction', params: { jurisdiction: jurisdictionId } }]);
  }
  await touchOpen311Key(db, municipalityId, key.id);
  return { keyId: key.id, name: key.name, municipalityId, organisationId: key.organisationId };
}

// --- services --------------------------------------------------------------------------------------

export async function listServices(db: Database, jurisdictionId: string | undefined, lang: Language): Promise<Service[]> {
  const m = await resolveJurisdiction(db, jurisdictionId);
  return (await listPublicCategories(db, m.id)).map((c) => serviceOf(c, lang, m.name));
}

/** One service's definition: none has attributes, so it is the code and an empty list; 404 for an unknown code. */
export async function serviceDefinition(db: Database, jurisdictionId: string | undefined, code: string): Promise<{ service_code: string; attributes: [] }> {
  const m = await resolveJurisdiction(db, jurisdictionId);
  if (!(await findPublicCategoryId(db, m.id, code))) {
    throw new DomainError('not_found', [{ field: 'service_code', code: 'service_not_public', params: { code } }], { what: 'service_code' });
  }
  return { service_code: code, attributes: [] };
}

// --- a tip ------------------------------------------------------------------------------------------

export interface TipInput {
  api_key?: string;
  jurisdiction_id?: string;
  service_code?: string;
  lat?: number;
  long?: number;
  address_string?: string;
  description?: string;
  media_url?: string;
  contact: Partial<TipContact>;
}

export interface TipOptions {
  boundaryToleranceM?: number;
  now?: Date;
}

const clean = (v: string | undefined | null) => cleanText(v ?? null);

/**
 * Stores a tip as a new incident in the review queue and returns its service_request_id (the
 * incident's id). Checked like a report: a key (403 before anything else), a service open to the
 * public, a position in the key's municipality within the boundary tolerance; the description and
 * the address stripped of personal data and of the sender's own contact details.
 */
export async function submitTip(db: Database, input: TipInput, opts: TipOptions = {}): Promise<{ serviceRequestId: string; personalDataRemoved: PersonalDataKind[] }> {
  const now = opts.now ?? new Date();
  if (!input.api_key) {
    const issues = new IssueCollector();
    issues.add('api_key', 'required');
    throw new DomainError('validation_failed', issues.issues);
  }
  const client = await authenticateKey(db, input.api_key, input.jurisdiction_id);
  const issues = new IssueCollector();
  if (!input.service_code) issues.add('service_code', 'required');
  let point: { e: number; n: number } | null = null;
  if (input.lat === undefined && input.long === undefined) {
    // This server does not geocode: an address alone cannot be placed or checked against the boundary.
    issues.add('lat', 'required');
    issues.add('long', 'required');
  } else {
    const loc = new IssueCollector();
    point = resolveLocation({ lon: input.long, lat: input.lat }, loc, 'position');
    for (const i of loc.issues) {
      for (const field of i.field === 'position.lon' ? ['long'] : i.field === 'position.lat' ? ['lat'] : ['lat', 'long']) issues.add(field, i.code, i.params);
    }
  }
  const contact: TipContact = Object.fromEntries(CONTACT_FIELDS.map((k) => [k, clean(input.contact[k])])) as unknown as TipContact;
  const removed = new Set<PersonalDataKind>();
  const scrub = (text: string | null) => {
    if (!text) return text;
    const r = redactPersonalData(stripContact(text, contact));
    for (const f of r.findings) removed.add(f.kind);
    return r.text;
  };
  const description = scrub(clean(input.description));
  if ((description?.length ?? 0) > INCIDENT_LIMITS.descriptionMax) issues.add('description', 'too_long', { max: INCIDENT_LIMITS.descriptionMax });
  const address = scrub(clean(input.address_string));
  if ((address?.length ?? 0) > INCIDENT_LIMITS.placeNameMax) issues.add('address_string', 'too_long', { max: INCIDENT_LIMITS.placeNameMax });
  const mediaUrl = clean(input.media_url);
  if (mediaUrl && !/^https?:\/\/\S+$/i.test(mediaUrl)) issues.add('media_url', 'format', { format: 'uri' });
  if (mediaUrl && mediaUrl.length > 2000) issues.add('media_url', 'too_long', { max: 2000 });

  return db.transaction(async (tx) => {
    const categoryId = input.service_code ? await findPublicCategoryId(tx, client.municipalityId, input.service_code) : null;
    if (input.service_code && !categoryId) issues.add('service_code', 'service_not_public', { code: input.service_code });
    let outsideM: number | null = null;
    if (point) {
      const m = await municipalityAt(tx, point.e, point.n, [client.municipalityId], opts.boundaryToleranceM ?? DEFAULT_BOUNDARY_TOLERANCE_M);
      if (!m) {
        const [home] = await listMunicipalities(tx, [client.municipalityId]);
        issues.add('lat', 'outside_municipality', { municipalities: home ? `${home.name} kommun` : client.municipalityId });
        issues.add('long', 'outside_municipality', { municipalities: home ? `${home.name} kommun` : client.municipalityId });
      } else if (m.outsideM > 0) outsideM = Math.max(1, Math.round(m.outsideM));
    }
    if (issues.issues.some((i) => i.code === 'service_not_public') && issues.issues.length === 1) {
      // An unknown service alone is "not found", as for GET services/{code}.
      throw new DomainError('not_found', issues.issues, { what: 'service_code' });
    }
    issues.throwIfAny();
    const id = randomUUID();
    const record: IncidentRecord = {
      id, municipalityId: client.municipalityId, categoryId: categoryId!, occurredFrom: now, occurredTo: now, reportedAt: now,
      e: point!.e, n: point!.n, positionPrecision: 'map', precisionM: null, placeId: null, placeName: address, description,
      organisationId: client.organisationId, reporterId: null, reportedToPolice: null, assessment: null, source: 'open311',
      reviewStatus: 'new', duplicateOf: null, visibility: 'normal', outsideBoundaryM: outsideM,
    };
    await insertIncident(tx, record);
    await insertOpen311Request(tx, { municipalityId: client.municipalityId, incidentId: id, keyId: client.keyId, serviceCode: input.service_code!, addressString: address, mediaUrl, requestedAt: now });
    if (CONTACT_FIELDS.some((k) => contact[k])) await insertOpen311Contact(tx, client.municipalityId, id, contact);
    const changes: HistoryChanges = {};
    for (const [k, v] of Object.entries(record)) changes[k] = v instanceof Date ? v.toISOString() : v;
    changes.sourceSystem = client.name;
    if (removed.size) changes.personalDataRemoved = [...removed];
    await insertHistory(tx, { municipalityId: client.municipalityId, incidentId: id, userId: null, action: 'create', changes });
    await purgeOpen311Contacts(tx, [client.municipalityId], now, CONTACT_KEEP);
    return { serviceRequestId: id, personalDataRemoved: [...removed] };
  });
}

// --- public status -------------------------------------------------------------------------------------

export interface StatusQuery {
  jurisdiction_id?: string;
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The public status of tips that came in through Open311: the ids asked for (service_request_id,
 * comma-separated; ids that are no such tip are left out), or those of a window (start_date,
 * end_date; the last 90 days by default) filtered by service and status, newest first, at most 1,000.
 */
export async function listTipStatus(db: Database, q: StatusQuery, lang: Language, now = new Date()): Promise<ServiceRequest[]> {
  const m = await resolveJurisdiction(db, q.jurisdiction_id);
  const issues = new IssueCollector();
  if (q.service_request_id !== undefined) {
    const ids = q.service_request_id.split(',').map((s) => s.trim()).filter(Boolean);
    if (!ids.length) issues.add('service_request_id', 'required');
    if (ids.length > REQUEST_IDS_MAX) issues.add('service_request_id', 'too_many', { max: REQUEST_IDS_MAX });
    issues.throwIfAny();
    // An id that cannot be a tip's is no tip: left out like an unknown one.
    const valid = ids.filter((id) => UUID_RE.test(id));
    const tips = valid.length ? await listPublicTips(db, m.id, { ids: valid, limit: REQUESTS_MAX }) : [];
    return tips.map((t) => serviceRequestOf(t, lang));
  }
  const date = (field: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const d = new Date(v);
    if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(d.getTime())) { issues.add(field, 'format', { format: 'date-time' }); return undefined; }
    return d;
  };
  const to = date('end_date', q.end_date) ?? now;
  const from = date('start_date', q.start_date) ?? new Date(to.getTime() - REQUESTS_DEFAULT_DAYS * 86_400_000);
  if (from > to) issues.add('end_date', 'window_reversed');
  const status = q.status?.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (status?.some((s) => s !== 'open' && s !== 'closed')) issues.add('status', 'not_allowed_value', { allowed: 'open, closed' });
  issues.throwIfAny();
  const reviewStatuses = status?.length ? status.flatMap((s) => REVIEW_STATUSES_OF[s as PublicStatus]) : undefined;
  const tips = await listPublicTips(db, m.id, { serviceCode: q.service_code, from, to, reviewStatuses, limit: REQUESTS_MAX });
  return tips.map((t) => serviceRequestOf(t, lang));
}

/** One tip's public status, or 404 (no tip through Open311 with that id, or a restricted one). */
export async function tipStatus(db: Database, jurisdictionId: string | undefined, id: string, lang: Language): Promise<ServiceRequest> {
  const m = await resolveJurisdiction(db, jurisdictionId);
  const tips = UUID_RE.test(id) ? await listPublicTips(db, m.id, { ids: [id], limit: 1 }) : [];
  if (!tips.length) throw new DomainError('not_found', [{ field: 'service_request_id', code: 'unknown_reference', params: { what: id } }], { what: 'service_request_id' });
  return serviceRequestOf(tips[0], lang);
}

// --- keys ---------------------------------------------------------------------------------------------

export interface NewKeyInput {
  municipalityId: string;
  name: string;
  /** The organisation the system's tips are filed under (id, name or short name); by default the municipality's own administration. */
  organisation?: string;
}

/** Who made or revoked a key: a user of the web app, or the command line on the server (null). */
type Maker = Actor | null;

function mayManage(actor: Maker, municipalityId: string) {
  if (actor && (!can(actor, 'open311.manage') || !actor.municipalities.includes(municipalityId))) throw new DomainError('forbidden');
}

/**
 * The organisation a key files its tips under: the one named, else the municipality's own
 * administration (its only active förvaltning at home there), else its only active organisation.
 */
async function keyOrganisation(q: Queryable, municipalityId: string, named: string | undefined): Promise<string> {
  const all = (await listOrganisations(q, [municipalityId])).filter((o) => o.active);
  if (named) {
    const wanted = named.trim().toLocaleLowerCase('sv');
    const o = all.find((x) => x.id === named || x.name.toLocaleLowerCase('sv') === wanted || x.shortName?.toLocaleLowerCase('sv') === wanted);
    if (!o) throw new DomainError('validation_failed', [{ field: 'organisationId', code: 'unknown_reference', params: { what: `organisationen ${named}` } }]);
    return o.id;
  }
  const admins = all.filter((o) => o.kind === 'forvaltning' && o.municipalityId === municipalityId);
  if (admins.length === 1) return admins[0].id;
  if (all.length === 1) return all[0].id;
  throw new DomainError('validation_failed', [{ field: 'organisationId', code: 'required' }]);
}

/** Creates a client system's key; the key is in the answer only, the table keeps its hash. */
export async function createOpen311Key(db: Database, actor: Maker, input: NewKeyInput): Promise<{ key: Open311Key; apiKey: string }> {
  mayManage(actor, input.municipalityId);
  const name = input.name.trim();
  const issues = new IssueCollector();
  if (!name) issues.add('name', 'blank');
  if (name.length > 100) issues.add('name', 'too_long', { max: 100 });
  issues.throwIfAny();
  return db.transaction(async (tx) => {
    if (!(await listMunicipalities(tx, [input.municipalityId])).length) {
      throw new DomainError('validation_failed', [{ field: 'municipalityId', code: 'unknown_municipality', params: { code: input.municipalityId } }]);
    }
    const organisationId = await keyOrganisation(tx, input.municipalityId, input.organisation);
    if (actor && !(await getOrganisation(tx, organisationId, actor.municipalities))) throw notFound('organisation');
    const id = randomUUID();
    const apiKey = formatApiKey(input.municipalityId, randomBytes(32).toString('base64url'));
    await insertOpen311Key(tx, { id, municipalityId: input.municipalityId, name, keyHash: sha256(apiKey), organisationId, createdBy: actor?.userId ?? null });
    await recordAudit(tx, { municipalityId: input.municipalityId, userId: actor?.userId ?? null, action: 'open311.key.create', subjectType: 'open311_key', subjectId: id, details: { name, organisationId } });
    return { key: (await getOpen311Key(tx, [input.municipalityId], id))!, apiKey };
  });
}

/** The keys of the actor's municipalities (all of the deployment's, or one's, from the command line). */
export async function listKeys(db: Database, actor: Maker, municipalityId?: string): Promise<Open311Key[]> {
  if (actor) {
    mayManage(actor, municipalityId ?? actor.municipalityId);
    return listOpen311Keys(db, municipalityId ? [municipalityId] : actor.municipalities);
  }
  const all = (await listMunicipalities(db)).map((m) => m.id);
  return listOpen311Keys(db, municipalityId ? [municipalityId] : all);
}

/** Revokes a key at once: its next request is refused. Revoking a revoked key changes nothing. */
export async function revokeKey(db: Database, actor: Maker, id: string): Promise<Open311Key> {
  const reach = actor ? actor.municipalities : (await listMunicipalities(db)).map((m) => m.id);
  return db.transaction(async (tx) => {
    const key = await getOpen311Key(tx, reach, id);
    if (!key) throw notFound('open311_key');
    mayManage(actor, key.municipalityId);
    if (await revokeOpen311Key(tx, key.municipalityId, id, actor?.userId ?? null)) {
      await recordAudit(tx, { municipalityId: key.municipalityId, userId: actor?.userId ?? null, action: 'open311.key.revoke', subjectType: 'open311_key', subjectId: id, details: { name: key.name } });
    }
    return (await getOpen311Key(tx, [key.municipalityId], id))!;
  });
}

/** Deletes the contact details kept longer than needed (CONTACT_KEEP), in every municipality. */
export async function purgeContacts(db: Database, now = new Date()): Promise<number> {
  const all = (await listMunicipalities(db)).map((m) => m.id);
  return purgeOpen311Contacts(db, all, now, CONTACT_KEEP);
}

// --- the sender's contact details, for the reviewer ---------------------------------------------------

export interface TipContactView {
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  deviceId: string | null;
  accountId: string | null;
  receivedAt: Date;
  /** When they are deleted at the latest (CONTACT_KEEP), as things stand. */
  keptUntil: Date;
}

const DAY = 86_400_000;

/**
 * The contact details a tip's sender gave, for a reviewer who needs to ask back (those who may
 * review the incident: coordinators). Each read is written to the audit log. 404 when the incident
 * is none the actor sees, is no tip, or its details were not given or are deleted.
 */
export async function readTipContact(db: Database, actor: Actor, incidentId: string): Promise<TipContactView> {
  const rec = await getIncidentRecord(db, incidentId, actor.municipalities);
  if (!rec || !can(actor, 'incident.read', rec)) throw notFound('incident');
  if (!can(actor, 'incident.review', rec)) throw new DomainError('forbidden');
  const c = await getOpen311Contact(db, rec.municipalityId, incidentId);
  if (!c) throw notFound('contact');
  await recordAudit(db, { municipalityId: rec.municipalityId, userId: actor.userId, action: 'open311.contact.read', subjectType: 'incident', subjectId: incidentId });
  const latest = new Date(c.createdAt).getTime() + CONTACT_KEEP.maxDays * DAY;
  const afterReview = c.reviewStatus === 'new' ? Infinity : new Date(c.incidentUpdatedAt).getTime() + CONTACT_KEEP.afterReviewDays * DAY;
  return {
    email: c.email, firstName: c.first_name, lastName: c.last_name, phone: c.phone, deviceId: c.device_id, accountId: c.account_id,
    receivedAt: c.createdAt, keptUntil: new Date(Math.min(latest, afterReview)),
  };
}

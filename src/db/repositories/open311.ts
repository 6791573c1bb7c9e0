/**
 * Open311 (migration 0023): the client systems' keys, the tips they sent and their senders' contact
 * details, and the categories open to the public. Every query names the municipality (the
 * distribution key).
 */
import type { Queryable } from '../engine.ts';
import { Params } from '../sql.ts';
import type { PublicCategory, PublicTip, TipContact } from '../../core/open311/georeport.ts';
import type { ReviewStatus } from '../../core/incidents/rules.ts';

export interface Open311Key {
  id: string;
  municipalityId: string;
  name: string;
  organisationId: string;
  organisationName: string;
  createdAt: Date;
  createdByName: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedByName: string | null;
  tips: number;
}

const KEY_SELECT = `SELECT k.id, k.municipality_id AS "municipalityId", k.name, k.organisation_id AS "organisationId", o.name AS "organisationName",
    k.created_at AS "createdAt", cu.name AS "createdByName", k.last_used_at AS "lastUsedAt", k.revoked_at AS "revokedAt", ru.name AS "revokedByName",
    (SELECT count(*)::int FROM open311_requests r WHERE r.municipality_id = k.municipality_id AND r.key_id = k.id) AS tips
  FROM open311_keys k JOIN organisations o ON o.id = k.organisation_id
  LEFT JOIN users cu ON cu.id = k.created_by LEFT JOIN users ru ON ru.id = k.revoked_by`;

export async function insertOpen311Key(q: Queryable, k: { id: string; municipalityId: string; name: string; keyHash: string; organisationId: string; createdBy: string | null }): Promise<void> {
  await q.query(
    `INSERT INTO open311_keys (municipality_id, id, name, key_hash, organisation_id, created_by) VALUES ($1, $2, $3, $4, $5, $6)`,
    [k.municipalityId, k.id, k.name, k.keyHash, k.organisationId, k.createdBy]);
}

/** The keys of the municipalities, active ones first, newest first. */
export async function listOpen311Keys(q: Queryable, municipalities: string[]): Promise<Open311Key[]> {
  const r = await q.query<Open311Key>(
    `${KEY_SELECT} WHERE k.municipality_id = ANY($1::text[]) ORDER BY k.revoked_at IS NOT NULL, k.created_at DESC, k.id`, [municipalities]);
  return r.rows;
}

export async function getOpen311Key(q: Queryable, municipalities: string[], id: string): Promise<Open311Key | null> {
  const r = await q.query<Open311Key>(`${KEY_SELECT} WHERE k.municipality_id = ANY($1::text[]) AND k.id = $2`, [municipalities, id]);
  return r.rows[0] ?? null;
}

/** The key with this hash in the municipality, revoked or not. */
export async function findOpen311KeyByHash(q: Queryable, municipalityId: string, keyHash: string): Promise<{ id: string; name: string; organisationId: string; revokedAt: Date | null } | null> {
  const r = await q.query<{ id: string; name: string; organisationId: string; revokedAt: Date | null }>(
    `SELECT id, name, organisation_id AS "organisationId", revoked_at AS "revokedAt" FROM open311_keys WHERE municipality_id = $1 AND key_hash = $2`,
    [municipalityId, keyHash]);
  return r.rows[0] ?? null;
}

/** Revokes an active key; false when it was revoked already. */
export async function revokeOpen311Key(q: Queryable, municipalityId: string, id: string, userId: string | null): Promise<boolean> {
  const r = await q.query(
    `UPDATE open311_keys SET revoked_at = now(), revoked_by = $3 WHERE municipality_id = $1 AND id = $2 AND revoked_at IS NULL`,
    [municipalityId, id, userId]);
  return r.affectedRows === 1;
}

/** Notes a key's use, at most once a minute (a busy client would otherwise write at every request). */
export async function touchOpen311Key(q: Queryable, municipalityId: string, id: string): Promise<void> {
  await q.query(
    `UPDATE open311_keys SET last_used_at = now() WHERE municipality_id = $1 AND id = $2
        AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [municipalityId, id]);
}

/** The municipality's active categories open to the public, in the tree's order, with their parents' names. */
export async function listPublicCategories(q: Queryable, municipalityId: string): Promise<PublicCategory[]> {
  const r = await q.query<PublicCategory>(
    `SELECT c.code, c.name_sv AS "nameSv", c.name_en AS "nameEn", p.name_sv AS "parentNameSv", p.name_en AS "parentNameEn"
       FROM categories c LEFT JOIN categories p ON p.id = c.parent_id
      WHERE c.municipality_id = $1 AND c.active AND c.open_to_public
      ORDER BY COALESCE(p.sort_order, c.sort_order), COALESCE(p.code, c.code), p.id IS NOT NULL, c.sort_order, c.code`, [municipalityId]);
  return r.rows;
}

/** The id of the municipality's active category open to the public with this code. */
export async function findPublicCategoryId(q: Queryable, municipalityId: string, code: string): Promise<string | null> {
  const r = await q.query<{ id: string }>(
    `SELECT id FROM categories WHERE municipality_id = $1 AND code = $2 AND active AND open_to_public`, [municipalityId, code]);
  return r.rows[0]?.id ?? null;
}

export async function insertOpen311Request(q: Queryable, t: { municipalityId: string; incidentId: string; keyId: string; serviceCode: string; addressString: string | null; mediaUrl: string | null; requestedAt: Date }): Promise<void> {
  await q.query(
    `INSERT INTO open311_requests (municipality_id, incident_id, key_id, service_code, address_string, media_url, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [t.municipalityId, t.incidentId, t.keyId, t.serviceCode, t.addressString, t.mediaUrl, t.requestedAt]);
}

export async function insertOpen311Contact(q: Queryable, municipalityId: string, incidentId: string, c: TipContact): Promise<void> {
  await q.query(
    `INSERT INTO open311_contacts (municipality_id, incident_id, email, first_name, last_name, phone, device_id, account_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [municipalityId, incidentId, c.email, c.first_name, c.last_name, c.phone, c.device_id, c.account_id]);
}

/** The sender's contact details of a tip, if still kept, with what their deletion depends on. */
export async function getOpen311Contact(q: Queryable, municipalityId: string, incidentId: string): Promise<(TipContact & { createdAt: Date; reviewStatus: ReviewStatus; incidentUpdatedAt: Date }) | null> {
  const r = await q.query<TipContact & { createdAt: Date; reviewStatus: ReviewStatus; incidentUpdatedAt: Date }>(
    `SELECT c.email, c.first_name, c.last_name, c.phone, c.device_id, c.account_id, c.created_at AS "createdAt",
            i.review_status AS "reviewStatus", i.updated_at AS "incidentUpdatedAt"
       FROM open311_contacts c JOIN incidents i ON i.municipality_id = c.municipality_id AND i.id = c.incident_id
      WHERE c.municipality_id = $1 AND c.incident_id = $2`, [municipalityId, incidentId]);
  return r.rows[0] ?? null;
}

/**
 * Deletes the contact details kept longer than needed (core/open311 CONTACT_KEEP): of tips reviewed
 * at least `afterReviewDays` ago (the incident's last change stands for the review), and of every tip
 * older than `maxDays`. Returns how many were deleted.
 */
export async function purgeOpen311Contacts(q: Queryable, municipalities: string[], now: Date, keep: { afterReviewDays: number; maxDays: number }): Promise<number> {
  const r = await q.query(
    `DELETE FROM open311_contacts c USING incidents i
      WHERE c.municipality_id = ANY($1::text[]) AND i.municipality_id = c.municipality_id AND i.id = c.incident_id
        AND ((i.review_status <> 'new' AND i.updated_at < $2::timestamptz - make_interval(days => $3::int))
          OR c.created_at < $2::timestamptz - make_interval(days => $4::int))`,
    [municipalities, now, keep.afterReviewDays, keep.maxDays]);
  return r.affectedRows;
}

export interface PublicTipFilter {
  ids?: string[];
  serviceCode?: string;
  from?: Date;
  to?: Date;
  reviewStatuses?: ReviewStatus[];
  limit: number;
}

/**
 * The public status of the municipality's tips that came in through Open311, newest first: never
 * another incident (the join on open311_requests), never a restricted one. The service is the one
 * the sender chose: a reviewer's change of category is the staff's, not the public's.
 */
export async function listPublicTips(q: Queryable, municipalityId: string, f: PublicTipFilter): Promise<PublicTip[]> {
  const p = new Params();
  const where = [`r.municipality_id = ${p.add(municipalityId)}`, `i.visibility = 'normal'`];
  if (f.ids) where.push(`r.incident_id = ANY(${p.add(f.ids)}::uuid[])`);
  if (f.serviceCode) where.push(`r.service_code = ${p.add(f.serviceCode)}`);
  if (f.from) where.push(`r.requested_at >= ${p.add(f.from)}`);
  if (f.to) where.push(`r.requested_at <= ${p.add(f.to)}`);
  if (f.reviewStatuses) where.push(`i.review_status = ANY(${p.add(f.reviewStatuses)}::text[])`);
  const r = await q.query<PublicTip>(
    `SELECT r.incident_id AS "incidentId", r.service_code AS "serviceCode",
            COALESCE(c.name_sv, r.service_code) AS "categoryNameSv", COALESCE(c.name_en, r.service_code) AS "categoryNameEn",
            i.description, i.review_status AS "reviewStatus", r.requested_at AS "requestedAt", i.updated_at AS "updatedAt",
            r.address_string AS address, ST_X(ST_Transform(i.geom, 4326)) AS lon, ST_Y(ST_Transform(i.geom, 4326)) AS lat
       FROM open311_requests r
       JOIN incidents i ON i.municipality_id = r.municipality_id AND i.id = r.incident_id
       LEFT JOIN categories c ON c.municipality_id = r.municipality_id AND c.code = r.service_code
      WHERE ${where.join(' AND ')}
      ORDER BY r.requested_at DESC, r.incident_id LIMIT ${p.add(f.limit)}`, p.values);
  return r.rows;
}

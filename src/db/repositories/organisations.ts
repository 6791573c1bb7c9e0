import type { Queryable } from '../engine.ts';
import { ORGANISATION_KINDS } from '../../core/organisations/types.ts';
import type { OrganisationKind, Organisation } from '../../core/organisations/types.ts';

const COLUMNS = `id, municipality_id AS "municipalityId", name, short_name AS "shortName", kind, active`;

export async function listOrganisations(q: Queryable, municipalities: string[]): Promise<Organisation[]> {
  const r = await q.query<Organisation>(
    `SELECT ${COLUMNS} FROM organisations WHERE municipality_id = ANY($1::text[]) ORDER BY name`, [municipalities]);
  return r.rows;
}

export async function getOrganisation(q: Queryable, id: string, municipalities: string[]): Promise<Organisation | null> {
  const r = await q.query<Organisation>(
    `SELECT ${COLUMNS} FROM organisations WHERE id = $1 AND municipality_id = ANY($2::text[])`, [id, municipalities]);
  return r.rows[0] ?? null;
}

export async function findOrganisationByName(q: Queryable, municipalityId: string, name: string): Promise<Organisation | null> {
  const r = await q.query<Organisation>(
    `SELECT ${COLUMNS} FROM organisations WHERE municipality_id = $1 AND (lower(name) = lower($2) OR lower(short_name) = lower($2))`,
    [municipalityId, name]);
  return r.rows[0] ?? null;
}

export async function insertOrganisation(q: Queryable, o: Omit<Organisation, 'id' | 'active'> & { id?: string; active?: boolean }): Promise<Organisation> {
  const r = await q.query<Organisation>(
    `INSERT INTO organisations (id, municipality_id, name, short_name, kind, active)
     VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
    [o.id ?? null, o.municipalityId, o.name, o.shortName, o.kind, o.active ?? true]);
  return r.rows[0];
}

export async function updateOrganisation(q: Queryable, id: string, patch: Partial<Pick<Organisation, 'name' | 'shortName' | 'kind' | 'active'>>): Promise<Organisation | null> {
  const r = await q.query<Organisation>(
    `UPDATE organisations SET
       name = COALESCE($2, name), short_name = CASE WHEN $3::boolean THEN $4 ELSE short_name END,
       kind = COALESCE($5, kind), active = COALESCE($6, active), updated_at = now()
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, patch.name ?? null, patch.shortName !== undefined, patch.shortName ?? null, patch.kind ?? null, patch.active ?? null]);
  return r.rows[0] ?? null;
}

/** Counts what still refers to an organisation (it cannot be deleted while anything does). */
export async function organisationReferences(q: Queryable, id: string): Promise<number> {
  const r = await q.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM users WHERE organisation_id = $1) + (SELECT count(*) FROM incidents WHERE organisation_id = $1) AS n`, [id]);
  return r.rows[0].n;
}

export async function deleteOrganisation(q: Queryable, id: string): Promise<void> {
  await q.query('DELETE FROM organisations WHERE id = $1', [id]);
}

import type { Queryable } from '../engine.ts';
import type { Organisation } from '../../core/organisations/types.ts';

// The home municipality first, then the others it works in.
const COLUMNS = `id, municipality_id AS "municipalityId", name, short_name AS "shortName", kind, active,
  ARRAY(SELECT om.municipality_id FROM organisation_municipalities om WHERE om.organisation_id = organisations.id
        ORDER BY om.municipality_id <> organisations.municipality_id, om.municipality_id) AS municipalities`;
/** Works in one of the municipalities $n. */
const WORKS_IN = (n: number) => `EXISTS (SELECT 1 FROM organisation_municipalities om
  WHERE om.organisation_id = organisations.id AND om.municipality_id = ANY($${n}::text[]))`;

/** The organisations that work in any of the municipalities (at home or as a guest, like the police area). */
export async function listOrganisations(q: Queryable, municipalities: string[]): Promise<Organisation[]> {
  const r = await q.query<Organisation>(
    `SELECT ${COLUMNS} FROM organisations WHERE ${WORKS_IN(1)} ORDER BY name`, [municipalities]);
  return r.rows;
}

/** An organisation that works in one of the municipalities. */
export async function getOrganisation(q: Queryable, id: string, municipalities: string[]): Promise<Organisation | null> {
  const r = await q.query<Organisation>(
    `SELECT ${COLUMNS} FROM organisations WHERE id = $1 AND ${WORKS_IN(2)}`, [id, municipalities]);
  return r.rows[0] ?? null;
}

/** An organisation at home in the municipality by its name or short name. */
export async function findOrganisationByName(q: Queryable, municipalityId: string, name: string): Promise<Organisation | null> {
  const r = await q.query<Organisation>(
    `SELECT ${COLUMNS} FROM organisations WHERE municipality_id = $1 AND (lower(name) = lower($2) OR lower(short_name) = lower($2))`,
    [municipalityId, name]);
  return r.rows[0] ?? null;
}

/** A new organisation at home in `municipalityId` and working in `municipalities` besides. */
export async function insertOrganisation(q: Queryable, o: Omit<Organisation, 'id' | 'active' | 'municipalities'> & { id?: string; active?: boolean; municipalities?: string[] }): Promise<Organisation> {
  const r = await q.query<{ id: string }>(
    `INSERT INTO organisations (id, municipality_id, name, short_name, kind, active)
     VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6) RETURNING id`,
    [o.id ?? null, o.municipalityId, o.name, o.shortName, o.kind, o.active ?? true]);
  const id = r.rows[0].id;
  await setOrganisationMunicipalities(q, id, o.municipalityId, o.municipalities ?? [], [o.municipalityId, ...(o.municipalities ?? [])]);
  return (await getOrganisation(q, id, [o.municipalityId]))!;
}

/**
 * Sets where an organisation works, within `reach` (the municipalities whoever changes it may
 * touch): those of `reach` in `municipalities` are added, the other ones of `reach` removed, the
 * rest left alone. The home municipality always stays.
 */
export async function setOrganisationMunicipalities(q: Queryable, id: string, home: string, municipalities: string[], reach: string[]): Promise<void> {
  const wanted = [...new Set([home, ...municipalities])];
  await q.query(
    `DELETE FROM organisation_municipalities
      WHERE organisation_id = $1 AND municipality_id = ANY($2::text[]) AND NOT (municipality_id = ANY($3::text[]))`,
    [id, reach, wanted]);
  await q.query(
    `INSERT INTO organisation_municipalities (municipality_id, organisation_id)
     SELECT m, $1 FROM unnest($2::text[]) AS m ON CONFLICT DO NOTHING`, [id, wanted]);
}

export async function updateOrganisation(q: Queryable, id: string, municipalityId: string, patch: Partial<Pick<Organisation, 'name' | 'shortName' | 'kind' | 'active'>>): Promise<Organisation | null> {
  const r = await q.query<Organisation>(
    `UPDATE organisations SET
       name = COALESCE($3, name), short_name = CASE WHEN $4::boolean THEN $5 ELSE short_name END,
       kind = COALESCE($6, kind), active = COALESCE($7, active), updated_at = now()
     WHERE id = $1 AND municipality_id = $2 RETURNING ${COLUMNS}`,
    [id, municipalityId, patch.name ?? null, patch.shortName !== undefined, patch.shortName ?? null, patch.kind ?? null, patch.active ?? null]);
  return r.rows[0] ?? null;
}

/**
 * Counts what still refers to an organisation of the municipality (it cannot be deleted while
 * anything does): its users, its reports wherever they were made, the measures it is responsible
 * for and the meeting decisions that name it.
 */
export async function organisationReferences(q: Queryable, id: string, municipalityId: string): Promise<number> {
  const r = await q.query<{ n: number }>(
    // The counts name the organisation, not the row of the outer query: its reports and measures lie
    // in every municipality it works in, and a distributed database runs each count over all of them.
    `SELECT (SELECT count(*) FROM users u WHERE u.organisation_id = $1) + (SELECT count(*) FROM incidents i WHERE i.organisation_id = $1)
          + (SELECT count(*) FROM measures m WHERE m.organisation_id = $1) + (SELECT count(*) FROM meeting_decisions d WHERE d.organisation_id = $1) AS n
       FROM organisations o WHERE o.id = $1 AND o.municipality_id = $2`, [id, municipalityId]);
  return r.rows[0]?.n ?? 0;
}

export async function deleteOrganisation(q: Queryable, id: string, municipalityId: string): Promise<void> {
  await q.query('DELETE FROM organisations WHERE id = $1 AND municipality_id = $2', [id, municipalityId]);
}

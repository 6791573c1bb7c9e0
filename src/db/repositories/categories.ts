import type { Queryable } from '../engine.ts';
import type { Category } from '../../core/categories/types.ts';

const COLUMNS = `c.id, c.municipality_id AS "municipalityId", c.parent_id AS "parentId", c.code, c.name_sv AS "nameSv",
  c.name_en AS "nameEn", c.colour, c.icon, c.sort_order AS "sortOrder", c.active, c.open_to_public AS "openToPublic"`;

export async function listCategories(q: Queryable, municipalities: string[]): Promise<Category[]> {
  const r = await q.query<Category>(
    `SELECT ${COLUMNS} FROM categories c WHERE c.municipality_id = ANY($1::text[]) ORDER BY c.municipality_id, c.sort_order, c.code`,
    [municipalities]);
  return r.rows;
}

export async function getCategory(q: Queryable, id: string, municipalities: string[]): Promise<Category | null> {
  const r = await q.query<Category>(`SELECT ${COLUMNS} FROM categories c WHERE c.id = $1 AND c.municipality_id = ANY($2::text[])`, [id, municipalities]);
  return r.rows[0] ?? null;
}

/** The municipality's category with a code (each municipality has its own tree; codes name the same thing). */
export async function findCategoryByCode(q: Queryable, municipalityId: string, code: string): Promise<Category | null> {
  const r = await q.query<Category>(`SELECT ${COLUMNS} FROM categories c WHERE c.municipality_id = $1 AND c.code = $2`, [municipalityId, code]);
  return r.rows[0] ?? null;
}

export async function insertCategory(q: Queryable, c: Omit<Category, 'id' | 'active' | 'openToPublic'> & { active?: boolean; openToPublic?: boolean }): Promise<Category> {
  const r = await q.query<Category>(
    `INSERT INTO categories AS c (municipality_id, parent_id, code, name_sv, name_en, colour, icon, sort_order, active, open_to_public)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
    [c.municipalityId, c.parentId, c.code, c.nameSv, c.nameEn, c.colour, c.icon, c.sortOrder, c.active ?? true, c.openToPublic ?? false]);
  return r.rows[0];
}

export async function updateCategory(q: Queryable, id: string, municipalityId: string, p: Partial<Omit<Category, 'id' | 'municipalityId' | 'code'>>): Promise<Category | null> {
  const r = await q.query<Category>(
    `UPDATE categories AS c SET
       parent_id = CASE WHEN $3::boolean THEN $4::uuid ELSE parent_id END,
       name_sv = COALESCE($5, name_sv), name_en = COALESCE($6, name_en), colour = COALESCE($7, colour),
       icon = COALESCE($8, icon), sort_order = COALESCE($9, sort_order), active = COALESCE($10, active),
       open_to_public = COALESCE($11, open_to_public), updated_at = now()
     WHERE id = $1 AND municipality_id = $2 RETURNING ${COLUMNS}`,
    [id, municipalityId, p.parentId !== undefined, p.parentId ?? null, p.nameSv ?? null, p.nameEn ?? null, p.colour ?? null, p.icon ?? null, p.sortOrder ?? null, p.active ?? null, p.openToPublic ?? null]);
  return r.rows[0] ?? null;
}

/** Ids of a category's ancestors, nearest first (to refuse cycles when moving a category). */
export async function categoryAncestors(q: Queryable, id: string, municipalityId: string): Promise<string[]> {
  const r = await q.query<{ id: string }>(
    `WITH RECURSIVE up(id, parent_id, depth) AS (
       SELECT id, parent_id, 0 FROM categories WHERE id = $1 AND municipality_id = $2
       UNION ALL SELECT c.id, c.parent_id, up.depth + 1 FROM categories c JOIN up ON c.id = up.parent_id WHERE c.municipality_id = $2 AND up.depth < 50)
     SELECT id FROM up WHERE depth > 0 ORDER BY depth`, [id, municipalityId]);
  return r.rows.map((x) => x.id);
}

/** Reports and subcategories of a category of the municipality (it cannot be deleted while it has any). */
export async function categoryUsage(q: Queryable, id: string, municipalityId: string): Promise<number> {
  const r = await q.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM incidents i WHERE i.municipality_id = c.municipality_id AND i.category_id = c.id) + (SELECT count(*) FROM categories s WHERE s.parent_id = c.id) AS n
       FROM categories c WHERE c.id = $1 AND c.municipality_id = $2`, [id, municipalityId]);
  return r.rows[0]?.n ?? 0;
}

export async function deleteCategory(q: Queryable, id: string, municipalityId: string): Promise<void> {
  await q.query('DELETE FROM categories WHERE id = $1 AND municipality_id = $2', [id, municipalityId]);
}

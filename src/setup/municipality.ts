import { DEFAULT_CATEGORIES, openToPublicByDefault } from '../core/categories/defaults.ts';
import type { Database, Queryable } from '../db/engine.ts';
import { insertCategory, listCategories } from '../db/repositories/categories.ts';
import { upsertMunicipality } from '../db/repositories/municipalities.ts';

/**
 * Makes a municipality ready for use: its boundary, and the default category tree for any default
 * category it does not have yet (existing categories, renamed or not, are left alone). Idempotent.
 */
export async function setUpMunicipality(db: Database, m: { id: string; name: string; geometry3006: unknown }): Promise<void> {
  await db.transaction(async (tx) => {
    await upsertMunicipality(tx, m);
    await ensureDefaultCategories(tx, m.id);
  });
}

export async function ensureDefaultCategories(q: Queryable, municipalityId: string): Promise<void> {
  const existing = new Map((await listCategories(q, [municipalityId])).map((c) => [c.code, c.id]));
  // Parents come before their children in DEFAULT_CATEGORIES.
  for (const c of DEFAULT_CATEGORIES) {
    if (existing.has(c.code)) continue;
    const parentId = c.parentCode ? existing.get(c.parentCode) ?? null : null;
    const row = await insertCategory(q, { municipalityId, parentId, code: c.code, nameSv: c.nameSv, nameEn: c.nameEn, colour: c.colour, icon: c.icon, sortOrder: c.sortOrder, openToPublic: openToPublicByDefault(c.code) });
    existing.set(c.code, row.id);
  }
}

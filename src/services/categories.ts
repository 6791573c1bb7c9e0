import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { DomainError, IssueCollector, invalid, notFound } from '../core/errors/index.ts';
import type { Database } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { categoryAncestors, categoryUsage, deleteCategory, getCategory, insertCategory, listCategories as selectCategories, updateCategory } from '../db/repositories/categories.ts';
import type { Category } from '../core/categories/types.ts';
import { targetMunicipality } from './scope.ts';

function requireConfig(actor: Actor) {
  if (!can(actor, 'configuration.manage')) throw new DomainError('forbidden');
}

/** The category trees of the actor's municipalities, flat (with parentId), inactive ones included. */
export async function listCategories(db: Database, actor: Actor): Promise<Category[]> {
  return selectCategories(db, actor.municipalities);
}

export async function createCategory(db: Database, actor: Actor, input: Omit<Category, 'id' | 'active' | 'municipalityId' | 'sortOrder' | 'parentId' | 'openToPublic'> & { municipalityId?: string; parentId?: string | null; sortOrder?: number; openToPublic?: boolean }): Promise<Category> {
  requireConfig(actor);
  const municipalityId = targetMunicipality(actor, input.municipalityId);
  return db.transaction(async (tx) => {
    const issues = new IssueCollector();
    if (input.parentId) {
      const parent = await getCategory(tx, input.parentId, [municipalityId]);
      if (!parent) issues.add('parentId', 'unknown_reference', { what: 'överordnad kategori' });
    }
    if ((await selectCategories(tx, [municipalityId])).some((c) => c.code === input.code)) issues.add('code', 'taken');
    issues.throwIfAny();
    const c = await insertCategory(tx, { ...input, municipalityId, parentId: input.parentId ?? null, sortOrder: input.sortOrder ?? 0 });
    await recordAudit(tx, { municipalityId, userId: actor.userId, action: 'category.create', subjectType: 'category', subjectId: c.id });
    return c;
  });
}

export async function changeCategory(db: Database, actor: Actor, id: string, patch: Partial<Omit<Category, 'id' | 'municipalityId' | 'code'>>): Promise<Category> {
  requireConfig(actor);
  return db.transaction(async (tx) => {
    const c = await getCategory(tx, id, actor.municipalities);
    if (!c) throw notFound('category');
    if (patch.parentId) {
      const parent = await getCategory(tx, patch.parentId, [c.municipalityId]);
      if (!parent) throw invalid('parentId', 'unknown_reference', { what: 'överordnad kategori' });
      if (patch.parentId === id || (await categoryAncestors(tx, patch.parentId, c.municipalityId)).includes(id)) throw invalid('parentId', 'cycle');
    }
    const updated = (await updateCategory(tx, id, c.municipalityId, patch))!;
    await recordAudit(tx, { municipalityId: c.municipalityId, userId: actor.userId, action: 'category.update', subjectType: 'category', subjectId: id, details: patch });
    return updated;
  });
}

/** Deletes an unused category; one with reports or subcategories can only be deactivated (history keeps its meaning). */
export async function removeCategory(db: Database, actor: Actor, id: string): Promise<void> {
  requireConfig(actor);
  await db.transaction(async (tx) => {
    const c = await getCategory(tx, id, actor.municipalities);
    if (!c) throw notFound('category');
    const used = await categoryUsage(tx, id, c.municipalityId);
    if (used > 0) throw new DomainError('conflict', [{ field: 'id', code: 'in_use', params: { count: used } }]);
    await deleteCategory(tx, id, c.municipalityId);
    await recordAudit(tx, { municipalityId: c.municipalityId, userId: actor.userId, action: 'category.delete', subjectType: 'category', subjectId: id });
  });
}

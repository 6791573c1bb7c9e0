import { canManageConfiguration, type Actor } from '../core/access/roles.ts';
import { DomainError, invalid, notFound } from '../core/errors/index.ts';
import type { Database } from '../db/engine.ts';
import { municipalityOfGeometry } from '../db/repositories/areas.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { geometryProblem } from '../db/repositories/geometries.ts';
import { deletePlace, getPlace, insertPlace, placeUsage, updatePlace, type Place } from '../db/repositories/places.ts';
import { checkGeometry } from './geometry.ts';

const PLACE_GEOMETRIES = ['Point', 'Polygon', 'MultiPolygon'];

export async function createPlace(db: Database, actor: Actor, input: { name: string; kind?: string; description?: string | null; geometry: unknown }): Promise<Place> {
  if (!canManageConfiguration(actor)) throw new DomainError('forbidden');
  return db.transaction(async (tx) => {
    const problem = await geometryProblem(tx, input.geometry, PLACE_GEOMETRIES);
    if (problem) throw invalid('geometry', 'invalid_geometry', { detail: problem });
    const municipalityId = await municipalityOfGeometry(tx, input.geometry, actor.municipalities);
    if (!municipalityId) throw invalid('geometry', 'outside_municipality', { municipalities: actor.municipalities.join(', ') });
    const p = await insertPlace(tx, { municipalityId, name: input.name.trim(), kind: input.kind ?? 'other', description: input.description ?? null, geometry: input.geometry, createdBy: actor.userId });
    await recordAudit(tx, { municipalityId, userId: actor.userId, action: 'place.create', subjectType: 'place', subjectId: p.id });
    return p;
  });
}

export async function changePlace(db: Database, actor: Actor, id: string, patch: { name?: string; kind?: string; description?: string | null; geometry?: unknown }): Promise<Place> {
  if (!canManageConfiguration(actor)) throw new DomainError('forbidden');
  return db.transaction(async (tx) => {
    const p = await getPlace(tx, id, actor.municipalities);
    if (!p) throw notFound('place');
    if (patch.geometry) await checkGeometry(tx, patch.geometry, PLACE_GEOMETRIES, 'geometry', p.municipalityId);
    const updated = (await updatePlace(tx, id, { ...patch, name: patch.name?.trim() }))!;
    await recordAudit(tx, { municipalityId: p.municipalityId, userId: actor.userId, action: 'place.update', subjectType: 'place', subjectId: id });
    return updated;
  });
}

export async function removePlace(db: Database, actor: Actor, id: string): Promise<void> {
  if (!canManageConfiguration(actor)) throw new DomainError('forbidden');
  await db.transaction(async (tx) => {
    const p = await getPlace(tx, id, actor.municipalities);
    if (!p) throw notFound('place');
    const used = await placeUsage(tx, id);
    if (used > 0) throw new DomainError('conflict', [{ field: 'id', code: 'in_use', params: { count: used } }]);
    await deletePlace(tx, id);
    await recordAudit(tx, { municipalityId: p.municipalityId, userId: actor.userId, action: 'place.delete', subjectType: 'place', subjectId: id });
  });
}

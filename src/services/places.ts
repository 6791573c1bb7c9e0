import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { DomainError, IssueCollector, invalid, notFound } from '../core/errors/index.ts';
import type { Database } from '../db/engine.ts';
import { municipalityOfGeometry } from '../db/repositories/areas.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { geometryProblem } from '../db/repositories/geometries.ts';
import { deletePlace, getPlace as selectPlace, insertPlace, listPlaces as selectPlaces, placeUsage, updatePlace } from '../db/repositories/places.ts';
import type { Place } from '../core/places/types.ts';
import { PLACE_FROM_CELLS_MAX } from '../core/places/from-cells.ts';
import { cellUnion, insertPlaceWkt } from '../db/repositories/cells.ts';
import type { CellEnvelope } from '../core/geo/types.ts';
import { checkGeometry } from './geometry.ts';
import { PersonalDataScrubber, type Scrubbed } from '../core/privacy/index.ts';

/** A place as written, and the kinds of personal data removed from its name and description. */
export type PlaceWritten = Scrubbed<Place>;
/** The schema's limits (src/contract/configuration.ts), which a placeholder must not push a text past. */
const NAME_MAX = 200;
const DESCRIPTION_MAX = 2000;

const PLACE_GEOMETRIES = ['Point', 'Polygon', 'MultiPolygon'];

/** The named places of the actor's municipalities; `search` finds a part of the name. */
export async function listPlaces(db: Database, actor: Actor, search?: string): Promise<Place[]> {
  return selectPlaces(db, actor.municipalities, search?.trim() || undefined);
}

export async function getPlace(db: Database, actor: Actor, id: string): Promise<Place> {
  const p = await selectPlace(db, id, actor.municipalities);
  if (!p) throw notFound('place');
  return p;
}

export async function createPlace(db: Database, actor: Actor, input: { name: string; kind?: string; description?: string | null; geometry: unknown }): Promise<PlaceWritten> {
  if (!can(actor, 'configuration.manage')) throw new DomainError('forbidden');
  const scrub = new PersonalDataScrubber();
  const name = scrub.text(input.name.trim(), NAME_MAX);
  const description = scrub.text(input.description ?? null, DESCRIPTION_MAX);
  return db.transaction(async (tx) => {
    const problem = await geometryProblem(tx, input.geometry, PLACE_GEOMETRIES);
    if (problem) throw invalid('geometry', 'invalid_geometry', { detail: problem });
    const municipalityId = await municipalityOfGeometry(tx, input.geometry, actor.municipalities);
    if (!municipalityId) throw invalid('geometry', 'outside_municipality', { municipalities: actor.municipalities.join(', ') });
    const p = await insertPlace(tx, { municipalityId, name, kind: input.kind ?? 'other', description, geometry: input.geometry, createdBy: actor.userId });
    await recordAudit(tx, { municipalityId, userId: actor.userId, action: 'place.create', subjectType: 'place', subjectId: p.id });
    return { ...p, personalDataRemoved: scrub.removed };
  });
}

export async function changePlace(db: Database, actor: Actor, id: string, patch: { name?: string; kind?: string; description?: string | null; geometry?: unknown }): Promise<PlaceWritten> {
  if (!can(actor, 'configuration.manage')) throw new DomainError('forbidden');
  const scrub = new PersonalDataScrubber();
  const name = scrub.text(patch.name?.trim(), NAME_MAX);
  const description = scrub.text(patch.description, DESCRIPTION_MAX);
  return db.transaction(async (tx) => {
    const p = await selectPlace(tx, id, actor.municipalities);
    if (!p) throw notFound('place');
    if (patch.geometry) await checkGeometry(tx, patch.geometry, PLACE_GEOMETRIES, 'geometry', p.municipalityId);
    const updated = (await updatePlace(tx, id, p.municipalityId, { ...patch, name, description }))!;
    await recordAudit(tx, { municipalityId: p.municipalityId, userId: actor.userId, action: 'place.update', subjectType: 'place', subjectId: id });
    return { ...updated, personalDataRemoved: scrub.removed };
  });
}

export async function removePlace(db: Database, actor: Actor, id: string): Promise<void> {
  if (!can(actor, 'configuration.manage')) throw new DomainError('forbidden');
  await db.transaction(async (tx) => {
    const p = await selectPlace(tx, id, actor.municipalities);
    if (!p) throw notFound('place');
    const used = await placeUsage(tx, id, p.municipalityId);
    if (used > 0) throw new DomainError('conflict', [{ field: 'id', code: 'in_use', params: { count: used } }]);
    await deletePlace(tx, id, p.municipalityId);
    await recordAudit(tx, { municipalityId: p.municipalityId, userId: actor.userId, action: 'place.delete', subjectType: 'place', subjectId: id });
  });
}

const CELL_ID = /^([1-9][0-9]{0,4}):(-?[0-9]{1,7}):(-?[0-9]{1,8})$/;

/**
 * A named place from hotspot cells (`size:col:row` on the SWEREF 99 TM lattice with origin 0,0, as
 * core/analysis/grid's cellId): the union of the cells as a polygon, so a measure can be attached to
 * what the map showed.
 */
export async function createPlaceFromCells(db: Database, actor: Actor, input: { name: string; kind?: string; description?: string | null; cellIds: string[] }): Promise<PlaceWritten> {
  if (!can(actor, 'configuration.manage')) throw new DomainError('forbidden');
  const c = new IssueCollector();
  if (!input.name?.trim()) c.add('name', 'required');
  const ids = input.cellIds ?? [];
  if (ids.length === 0) c.add('cellIds', 'required');
  if (ids.length > PLACE_FROM_CELLS_MAX) c.add('cellIds', 'too_long', { max: PLACE_FROM_CELLS_MAX });
  const envelopes: CellEnvelope[] = [];
  let size: number | null = null;
  ids.forEach((id, i) => {
    const m = CELL_ID.exec(id);
    if (!m) { c.add(`cellIds[${i}]`, 'format', { format: 'storlek:kolumn:rad' }); return; }
    const [s, col, row] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (size === null) size = s;
    else if (s !== size) { c.add(`cellIds[${i}]`, 'not_allowed_value', { allowed: `${size}:…` }); return; }
    envelopes.push([col * s, row * s, (col + 1) * s, (row + 1) * s]);
  });
  c.throwIfAny();
  const scrub = new PersonalDataScrubber();
  const name = scrub.text(input.name.trim(), NAME_MAX);
  const description = scrub.text(input.description ?? null, DESCRIPTION_MAX);
  return db.transaction(async (tx) => {
    const u = await cellUnion(tx, envelopes, actor.municipalities);
    if (!u.municipalityId) throw invalid('cellIds', 'outside_municipality', { municipalities: actor.municipalities.join(', ') });
    const id = await insertPlaceWkt(tx, { municipalityId: u.municipalityId, name, kind: input.kind ?? 'hotspot', description, wkt: u.wkt, createdBy: actor.userId });
    await recordAudit(tx, { municipalityId: u.municipalityId, userId: actor.userId, action: 'place.create', subjectType: 'place', subjectId: id, details: { cells: ids.length, cellSize: size } });
    return { ...(await selectPlace(tx, id, [u.municipalityId]))!, personalDataRemoved: scrub.removed };
  });
}

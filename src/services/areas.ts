import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { DomainError, IssueCollector, invalid, notFound } from '../core/errors/index.ts';
import { declaredCrs, featuresOf, reprojectGeometry } from '../core/geojson/index.ts';
import type { Database } from '../db/engine.ts';
import { deleteArea, getArea as selectArea, insertArea, listAreas as selectAreas, municipalityOfGeometry, updateArea } from '../db/repositories/areas.ts';
import { scalarProperties, type Area, type AreaKind } from '../core/areas/types.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { geometryProblem } from '../db/repositories/geometries.ts';
import { checkGeometry } from './geometry.ts';
import { targetMunicipality } from './scope.ts';

const POLYGONS = ['Polygon', 'MultiPolygon'];
const NAME_KEYS = ['name', 'namn', 'NAMN', 'Name', 'NAME', 'deso_namn', 'DESO_NAMN'];
const CODE_KEYS = ['code', 'kod', 'KOD', 'deso', 'DESO', 'desokod', 'Deso'];

export interface AreaUploadInput {
  kind: AreaKind;
  geojson: { type: string } & Record<string, unknown>;
  nameProperty?: string;
  codeProperty?: string;
  municipalityId?: string;
}

/** The areas of the actor's municipalities, of one kind or all. */
export async function listAreas(db: Database, actor: Actor, kind?: AreaKind): Promise<Area[]> {
  return selectAreas(db, actor.municipalities, kind);
}

export async function getArea(db: Database, actor: Actor, id: string): Promise<Area> {
  const a = await selectArea(db, id, actor.municipalities);
  if (!a) throw notFound('area');
  return a;
}

function pick(props: Record<string, unknown>, explicit: string | undefined, keys: string[]): string | null {
  for (const k of explicit ? [explicit] : keys) {
    const v = props[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (typeof v === 'number') return String(v);
  }
  return null;
}

/**
 * Uploads areas from GeoJSON (WGS84, or SWEREF 99 TM / 12 00 declared with a `crs` member as QGIS
 * writes it). All or nothing: every feature is checked first and any problem is reported with the
 * feature's index; only a clean file is stored.
 */
export async function uploadAreas(db: Database, actor: Actor, input: AreaUploadInput): Promise<Area[]> {
  if (!can(actor, 'configuration.manage')) throw new DomainError('forbidden');
  const municipalityId = targetMunicipality(actor, input.municipalityId);
  const crs = declaredCrs(input.geojson);
  if (crs === null) throw invalid('geojson.crs', 'unsupported_crs');
  const features = featuresOf(input.geojson);
  if (!features) throw invalid('geojson.type', 'not_allowed_value', { allowed: 'FeatureCollection, Feature, Polygon, MultiPolygon' });
  if (features.length === 0) throw invalid('geojson.features', 'too_short', { min: 1 });
  if (features.length > 5000) throw invalid('geojson.features', 'too_long', { max: 5000 });
  return db.transaction(async (tx) => {
    const issues = new IssueCollector();
    const prepared: Array<{ name: string; code: string | null; geometry: unknown; properties: Record<string, unknown> }> = [];
    for (const [i, f] of features.entries()) {
      const name = pick(f.properties, input.nameProperty, NAME_KEYS) ?? `Område ${i + 1}`;
      if (name.length > 200) issues.add(`${f.path}.properties.name`, 'too_long', { max: 200 });
      if (!f.geometry) { issues.add(`${f.path}.geometry`, 'required'); continue; }
      let geometry: unknown;
      try {
        geometry = reprojectGeometry(f.geometry, crs, 4326);
      } catch (e) {
        issues.add(`${f.path}.geometry`, 'invalid_geometry', { detail: (e as Error).message });
        continue;
      }
      const problem = await geometryProblem(tx, geometry, POLYGONS);
      if (problem) { issues.add(`${f.path}.geometry`, 'invalid_geometry', { detail: problem }); continue; }
      if ((await municipalityOfGeometry(tx, geometry, [municipalityId])) === null) {
        issues.add(`${f.path}.geometry`, 'outside_municipality', { municipalities: municipalityId });
        continue;
      }
      prepared.push({ name, code: pick(f.properties, input.codeProperty, CODE_KEYS), geometry, properties: scalarProperties(f.properties) });
    }
    issues.throwIfAny();
    const out: Area[] = [];
    for (const p of prepared) out.push(await insertArea(tx, { municipalityId, kind: input.kind, ...p, createdBy: actor.userId }));
    await recordAudit(tx, { municipalityId, userId: actor.userId, action: 'area.upload', details: { kind: input.kind, count: out.length } });
    return out;
  });
}

export async function changeArea(db: Database, actor: Actor, id: string, patch: { kind?: AreaKind; name?: string; code?: string | null; geometry?: unknown }): Promise<Area> {
  if (!can(actor, 'configuration.manage')) throw new DomainError('forbidden');
  return db.transaction(async (tx) => {
    const a = await selectArea(tx, id, actor.municipalities);
    if (!a) throw notFound('area');
    if (patch.geometry) await checkGeometry(tx, patch.geometry, POLYGONS, 'geometry', a.municipalityId);
    const updated = (await updateArea(tx, id, a.municipalityId, patch))!;
    await recordAudit(tx, { municipalityId: a.municipalityId, userId: actor.userId, action: 'area.update', subjectType: 'area', subjectId: id });
    return updated;
  });
}

export async function removeArea(db: Database, actor: Actor, id: string): Promise<void> {
  if (!can(actor, 'configuration.manage')) throw new DomainError('forbidden');
  await db.transaction(async (tx) => {
    const a = await selectArea(tx, id, actor.municipalities);
    if (!a) throw notFound('area');
    await deleteArea(tx, id, a.municipalityId);
    await recordAudit(tx, { municipalityId: a.municipalityId, userId: actor.userId, action: 'area.delete', subjectType: 'area', subjectId: id });
  });
}

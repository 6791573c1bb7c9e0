import { invalid } from '../core/errors/index.ts';
import type { Queryable } from '../db/engine.ts';
import { municipalityOfGeometry } from '../db/repositories/areas.ts';
import { geometryProblem } from '../db/repositories/geometries.ts';

/** Refuses a geometry that is invalid, of a type not allowed here, or outside the municipality. */
export async function checkGeometry(tx: Queryable, geometry: unknown, allowed: string[], field: string, municipalityId: string) {
  const problem = await geometryProblem(tx, geometry, allowed);
  if (problem) throw invalid(field, 'invalid_geometry', { detail: problem });
  if ((await municipalityOfGeometry(tx, geometry, [municipalityId])) === null) throw invalid(field, 'outside_municipality', { municipalities: municipalityId });
}

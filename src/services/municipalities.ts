import type { Actor } from '../core/access/roles.ts';
import type { MunicipalityBaseMap } from '../core/municipalities/types.ts';
import type { Database } from '../db/engine.ts';
import { municipalityBoundaries } from '../db/repositories/municipalities.ts';
import { builtUpAreas } from '../node/base-map/built-up-areas.ts';

/**
 * The municipalities in the actor's reach with what the map's offline base draws: the boundary and
 * the tätorter (SCB's points, shipped with the product) whose names label it.
 */
export async function listMunicipalities(db: Database, actor: Actor): Promise<MunicipalityBaseMap[]> {
  const boundaries = await municipalityBoundaries(db, actor.municipalities);
  return boundaries.map((m) => ({ ...m, builtUpAreas: builtUpAreas(m.id) }));
}

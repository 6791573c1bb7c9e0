import type { Actor } from '../core/access/roles.ts';
import type { MunicipalityBoundary } from '../core/municipalities/types.ts';
import type { Database } from '../db/engine.ts';
import { municipalityBoundaries } from '../db/repositories/municipalities.ts';

/** The municipalities in the actor's reach with their boundaries, for the map's offline base layer. */
export async function listMunicipalities(db: Database, actor: Actor): Promise<MunicipalityBoundary[]> {
  return municipalityBoundaries(db, actor.municipalities);
}

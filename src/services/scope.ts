import type { Actor } from '../core/access/roles.ts';
import { invalid } from '../core/errors/index.ts';

/** The municipality a new record goes into: the one asked for if the actor reaches it, else the home one. */
export function targetMunicipality(actor: Actor, requested?: string): string {
  if (requested === undefined) return actor.municipalityId;
  if (!actor.municipalities.includes(requested)) throw invalid('municipalityId', 'unknown_reference', { what: `kommun ${requested}` });
  return requested;
}

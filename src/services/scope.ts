import type { Actor } from '../core/access/roles.ts';
import { invalid } from '../core/errors/index.ts';

/** The municipality a new record goes into: the one asked for if the actor reaches it, else the home one. */
export function targetMunicipality(actor: Actor, requested?: string): string {
  if (requested === undefined) return actor.municipalityId;
  if (!actor.municipalities.includes(requested)) throw invalid('municipalityId', 'unknown_reference', { what: `kommun ${requested}` });
  return requested;
}

/**
 * The municipalities a read covers: those the filter names that the actor reaches, or every one it
 * reaches when the filter names none. A code outside the actor's reach covers nothing (as the
 * incident filter gives nothing for it).
 */
export function municipalitiesOf(actor: Actor, requested?: readonly string[]): string[] {
  return requested?.length ? actor.municipalities.filter((m) => requested.includes(m)) : actor.municipalities;
}

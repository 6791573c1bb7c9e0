import { hasRole, type Actor } from '../core/access/roles.ts';
import type { Params } from './sql.ts';

/**
 * The SQL form of core/access/roles.ts `canSeeIncident`: a predicate over the incident alias `i`.
 * Every query that reads incidents goes through this, so a list can never show more than a single
 * lookup would allow.
 */
export function visibleIncidents(actor: Actor, p: Params, i = 'i'): string {
  const inMunicipalities = `${i}.municipality_id = ANY(${p.add(actor.municipalities)}::text[])`;
  if (hasRole(actor, 'coordinator')) return `(${inMunicipalities})`;
  const ownOrg = `${i}.organisation_id = ${p.add(actor.organisationId)}::uuid`;
  if (hasRole(actor, 'areaGroup', 'viewer', 'admin')) {
    return `(${inMunicipalities} AND (${ownOrg} OR ${i}.visibility = 'normal'))`;
  }
  return `(${inMunicipalities} AND ${ownOrg})`;
}

/** Predicate limiting any municipality-scoped table (alias t) to the actor's municipalities. */
export function inActorMunicipalities(actor: Actor, p: Params, t: string): string {
  return `${t}.municipality_id = ANY(${p.add(actor.municipalities)}::text[])`;
}

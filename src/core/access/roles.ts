/**
 * Roles and what each may do. The rules are written once here; the repositories turn the same
 * rules into SQL predicates (db/access.ts) so that a list query can never return more than these
 * functions would allow for a single record.
 *
 * | role        | reads incidents                                  | writes                                  |
 * |-------------|--------------------------------------------------|-----------------------------------------|
 * | reporter    | its own organisation's                           | reports; edits its organisation's       |
 * | areaGroup   | all in its municipalities except restricted ones | reports; edits its organisation's       |
 * |             | of other organisations                           |                                         |
 * | viewer      | as areaGroup                                     | nothing                                 |
 * | coordinator | everything in its municipalities                 | reports, review, categories, areas,     |
 * |             |                                                  | places, users (not admins)              |
 * | admin       | as areaGroup                                     | organisations, users, categories, areas,|
 * |             |                                                  | places                                  |
 * A restricted incident is visible only to its own organisation and to coordinators.
 */
export const ROLES = ['reporter', 'coordinator', 'areaGroup', 'viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, { sv: string; en: string }> = {
  reporter: { sv: 'Rapportör', en: 'Reporter' },
  coordinator: { sv: 'Samordnare', en: 'Coordinator' },
  areaGroup: { sv: 'Områdesgrupp', en: 'Area group' },
  viewer: { sv: 'Läsare', en: 'Viewer' },
  admin: { sv: 'Administratör', en: 'Administrator' },
};

/** Who is acting: derived from the session, never from the request body. */
export interface Actor {
  userId: string;
  organisationId: string;
  /** The user's home municipality. */
  municipalityId: string;
  /** Home municipality plus any granted ones; every query is limited to these. */
  municipalities: string[];
  roles: Role[];
}

export const hasRole = (a: Actor, ...roles: Role[]) => roles.some((r) => a.roles.includes(r));

export interface IncidentAccessFacts {
  municipalityId: string;
  organisationId: string;
  visibility: 'normal' | 'restricted';
}

export function canSeeIncident(a: Actor, i: IncidentAccessFacts): boolean {
  if (!a.municipalities.includes(i.municipalityId)) return false;
  if (hasRole(a, 'coordinator')) return true;
  if (i.organisationId === a.organisationId) return true;
  return i.visibility === 'normal' && hasRole(a, 'areaGroup', 'viewer', 'admin');
}

export const canCreateIncident = (a: Actor) => hasRole(a, 'reporter', 'areaGroup', 'coordinator');

export function canEditIncident(a: Actor, i: IncidentAccessFacts): boolean {
  if (!canSeeIncident(a, i)) return false;
  if (hasRole(a, 'coordinator')) return true;
  return i.organisationId === a.organisationId && hasRole(a, 'reporter', 'areaGroup');
}

export const canReview = (a: Actor, i: IncidentAccessFacts) => canSeeIncident(a, i) && hasRole(a, 'coordinator');
export const canManageConfiguration = (a: Actor) => hasRole(a, 'coordinator', 'admin');
export const canManageOrganisations = (a: Actor) => hasRole(a, 'admin');
export const canManageUsers = (a: Actor) => hasRole(a, 'admin', 'coordinator');
/** Only an administrator may hand out the administrator role. */
export const canGrantRole = (a: Actor, role: Role) => (role === 'admin' ? hasRole(a, 'admin') : canManageUsers(a));

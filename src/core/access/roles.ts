/**
 * The roles and who is acting. What each role may do is the access policy, one table in
 * ./policy.ts; in short:
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
 * | dataProtection | no incidents; the audit trail of its municipalities | nothing                              |
 * A restricted incident is visible only to its own organisation and to coordinators.
 */
export const ROLES = ['reporter', 'coordinator', 'areaGroup', 'viewer', 'admin', 'dataProtection'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, { sv: string; en: string }> = {
  reporter: { sv: 'Rapportör', en: 'Reporter' },
  coordinator: { sv: 'Samordnare', en: 'Coordinator' },
  areaGroup: { sv: 'Områdesgrupp', en: 'Area group' },
  viewer: { sv: 'Läsare', en: 'Viewer' },
  admin: { sv: 'Administratör', en: 'Administrator' },
  dataProtection: { sv: 'Dataskyddsombud', en: 'Data protection officer' },
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


/**
 * The access policy, written once. For every action, how far each role reaches:
 *
 * - `none`: not at all;
 * - `own`: the records of the actor's own organisation;
 * - `shared`: its own organisation's records and every record that is not restricted;
 * - `all`: every record.
 *
 * Always within the actor's municipalities (home plus granted ones). An action on no particular
 * record (creating a report, managing users) is allowed when the reach is anything but `none`.
 * A user with several roles reaches as far as the furthest of them.
 *
 * Everything else is derived from this table, never written again: the checks the services make
 * (`can`), the SQL predicates of the repositories (db/access.ts `allowedRows`) and the incident
 * index's view of an actor (`reachOf`, used by services/aggregate-source.ts). The role × action
 * matrix tests (core/access/policy.test.ts, db/access-policy.test.ts, db/access.test.ts through the
 * HTTP API) prove that the derivations agree.
 */
import type { Actor, Role } from './roles.ts';

export const REACHES = ['none', 'own', 'shared', 'all'] as const;
export type Reach = (typeof REACHES)[number];

type Row = Readonly<Record<Role, Reach>>;

export const POLICY = {
  // Reports. A restricted report (e.g. police-internal) is its organisation's and the coordinators'.
  'incident.read': { reporter: 'own', areaGroup: 'shared', viewer: 'shared', admin: 'shared', coordinator: 'all', dataProtection: 'none' },
  'incident.create': { reporter: 'all', areaGroup: 'all', viewer: 'none', admin: 'none', coordinator: 'all', dataProtection: 'none' },
  'incident.edit': { reporter: 'own', areaGroup: 'own', viewer: 'none', admin: 'none', coordinator: 'all', dataProtection: 'none' },
  /** Changing who may see a report. */
  'incident.restrict': { reporter: 'own', areaGroup: 'own', viewer: 'none', admin: 'none', coordinator: 'all', dataProtection: 'none' },
  'incident.review': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'none', coordinator: 'all', dataProtection: 'none' },
  /** Bringing in reports from a file, and undoing such an import as a whole. */
  'incidents.import': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'all', dataProtection: 'none' },
  // Configuration.
  'configuration.manage': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'all', dataProtection: 'none' },
  'organisations.manage': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'none', dataProtection: 'none' },
  'users.manage': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'all', dataProtection: 'none' },
  /** Handing out the administrator role, or changing a user who holds it. */
  'users.manageAdmins': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'none', dataProtection: 'none' },
  'settings.map': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'none', dataProtection: 'none' },
  /** Uploading Polisen's events for a municipality, and seeing how current they are and how the poller fares. */
  'policeEvents.import': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'all', dataProtection: 'none' },
  // The EST cycle: editions of the lägesbild, meetings and their decisions, measures, the yearly plan.
  'editions.read': { reporter: 'all', areaGroup: 'all', viewer: 'all', admin: 'all', coordinator: 'all', dataProtection: 'none' },
  'editions.readDrafts': { reporter: 'none', areaGroup: 'all', viewer: 'none', admin: 'none', coordinator: 'all', dataProtection: 'none' },
  'editions.write': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'none', coordinator: 'all', dataProtection: 'none' },
  'meetings.read': { reporter: 'none', areaGroup: 'all', viewer: 'all', admin: 'all', coordinator: 'all', dataProtection: 'none' },
  'meetings.manage': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'none', coordinator: 'all', dataProtection: 'none' },
  'decisions.make': { reporter: 'none', areaGroup: 'all', viewer: 'none', admin: 'none', coordinator: 'all', dataProtection: 'none' },
  'measures.read': { reporter: 'none', areaGroup: 'all', viewer: 'all', admin: 'all', coordinator: 'all', dataProtection: 'none' },
  'measures.create': { reporter: 'none', areaGroup: 'all', viewer: 'none', admin: 'none', coordinator: 'all', dataProtection: 'none' },
  'measure.edit': { reporter: 'none', areaGroup: 'own', viewer: 'none', admin: 'none', coordinator: 'all', dataProtection: 'none' },
  'actionPlan.read': { reporter: 'none', areaGroup: 'all', viewer: 'all', admin: 'all', coordinator: 'all', dataProtection: 'none' },
  'actionPlan.write': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'none', coordinator: 'all', dataProtection: 'none' },
  'documents.export': { reporter: 'none', areaGroup: 'all', viewer: 'all', admin: 'all', coordinator: 'all', dataProtection: 'none' },
  // The audit trail (issue 16, item 10). The data-protection officer supervises how personal data is
  // handled: who read or exported what and when. That needs the log, not the reports themselves —
  // their free text and restricted reports stay with the organisations and coordinators, so the
  // role reads no incidents (`none` in every row above). Coordinators answer for their
  // municipality's use of the system and read the same log.
  'audit.read': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'none', coordinator: 'all', dataProtection: 'all' },
  // Accounts (issue 16 item 5): who may hand out which role; see administersOrganisation below.
  /**
   * Handing out the coordinator role, or managing a user who holds it. A coordinator reads every
   * restricted report of its municipalities, so only a coordinator, who already does, may make one.
   */
  'users.grantCoordinator': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'none', coordinator: 'all', dataProtection: 'none' },
  // Single sign-on (issue 16 item 3): the municipality's own OpenID provider, its secret and which
  // groups get which organisation and roles.
  'sso.manage': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'none', dataProtection: 'none' },
  // Retention and the rights of data subjects (issue 16 items 11 and 13). How long data is kept is
  // the coordinator's decision for the municipality; extracts and erasure of other people's data
  // follow who manages their accounts (and only an administrator reaches an administrator's).
  /** Reading and setting the retention rules, running them and their dry run. */
  'retention.manage': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'none', coordinator: 'all', dataProtection: 'none' },
  /** A register extract (GDPR art. 15) of a user whose account one manages. */
  'users.registerExtract': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'all', dataProtection: 'none' },
  /** Erasing the personal data (GDPR art. 17) of a user whose account one manages. */
  'users.erase': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'all', dataProtection: 'none' },
  /** One's own register extract. */
  'me.registerExtract': { reporter: 'all', areaGroup: 'all', viewer: 'all', admin: 'all', coordinator: 'all', dataProtection: 'all' },
  // One's own sign-in (issue 16, item 4): every user turns a second factor on and off for themself.
  'account.mfa': { reporter: 'all', areaGroup: 'all', viewer: 'all', admin: 'all', coordinator: 'all', dataProtection: 'all' },
  // Open311 (issue 17): creating and revoking the api_keys of the systems that send tips.
  'open311.manage': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'none', dataProtection: 'none' },
} as const satisfies Record<string, Row>;

export type Action = keyof typeof POLICY;
export const ACTIONS = Object.keys(POLICY) as Action[];

/** How far the actor reaches for an action: the furthest of its roles. */
export function reachOf(actor: Pick<Actor, 'roles'>, action: Action): Reach {
  let best = 0;
  for (const role of actor.roles) best = Math.max(best, REACHES.indexOf(POLICY[action][role]));
  return REACHES[best];
}

/** The facts about a record that access depends on. */
export interface RecordFacts {
  municipalityId: string;
  organisationId: string | null;
  /** Absent for records that are never restricted. */
  visibility?: 'normal' | 'restricted';
}

/** Whether a reach admits a record the actor's municipalities already admit. */
export function reachAdmits(reach: Reach, actorOrganisation: string, r: Pick<RecordFacts, 'organisationId' | 'visibility'>): boolean {
  switch (reach) {
    case 'all': return true;
    case 'shared': return r.organisationId === actorOrganisation || r.visibility !== 'restricted';
    case 'own': return r.organisationId === actorOrganisation;
    case 'none': return false;
  }
}

/** Acting on a report presupposes seeing it: a report one may not read answers "not found". */
const REQUIRES: Partial<Record<Action, Action>> = {
  'incident.edit': 'incident.read',
  'incident.restrict': 'incident.read',
  'incident.review': 'incident.read',
};

/** The action the actor must also be allowed on a record before this one (or undefined). */
export const prerequisite = (action: Action): Action | undefined => REQUIRES[action];

/**
 * Whether the actor may do the action — on a record when one is given (in the actor's
 * municipalities, within its reach, and able to see it first), otherwise at all.
 */
export function can(actor: Actor, action: Action, record?: RecordFacts): boolean {
  const first = REQUIRES[action];
  if (first && record && !can(actor, first, record)) return false;
  const reach = reachOf(actor, action);
  if (!record) return reach !== 'none';
  return actor.municipalities.includes(record.municipalityId) && reachAdmits(reach, actor.organisationId, record);
}

/** An organisation as far as administering its accounts depends on it. */
export interface OrganisationFacts {
  id: string;
  /** Its home municipality. */
  municipalityId: string;
  kind: string;
}

/**
 * Organisations of these kinds keep restricted reports of their own apart from the municipality
 * (the police's): an account there reads them, so only the organisation's own administrators and
 * coordinators administer it (or the server's operator with `lagesbild user add`).
 */
export const SELF_ADMINISTERED_KINDS: readonly string[] = ['polis'];

/**
 * Whether the actor administers an organisation's accounts: creates them, changes them, sends
 * them invitations and password-reset links. An account is a key to what its organisation may
 * read, and whoever administers it can point it at an address of their own, so this is where
 * taking over an account (a coordinator taking over a police officer's, say) is stopped:
 *
 * - the actor must be allowed `users.manage` (administrators and coordinators);
 * - the organisation's home municipality must be one of the actor's municipalities;
 * - an organisation of a self-administered kind (the police) is administered only from inside:
 *   by an administrator or coordinator who belongs to it.
 *
 * Administrators thus administer their municipalities' organisations (the municipality's
 * departments and companies, the guards, the associations), coordinators the same; which roles
 * they may hand out there is `mayGrantRole`.
 */
export function administersOrganisation(actor: Actor, org: OrganisationFacts): boolean {
  if (!can(actor, 'users.manage')) return false;
  if (!actor.municipalities.includes(org.municipalityId)) return false;
  return org.id === actor.organisationId || !SELF_ADMINISTERED_KINDS.includes(org.kind);
}

/**
 * Whether the actor may hand out a role (and so manage a user who holds it): the administrator
 * role only with `users.manageAdmins`, the coordinator role only with `users.grantCoordinator`,
 * the others with `users.manage`. Nobody thereby makes an account that reads more than they do:
 * an administrator cannot make a coordinator.
 */
export function mayGrantRole(actor: Actor, role: Role): boolean {
  if (role === 'admin') return can(actor, 'users.manageAdmins');
  if (role === 'coordinator') return can(actor, 'users.grantCoordinator');
  return can(actor, 'users.manage');
}

/**
 * Whether the actor may manage an existing account (change it, reset its password or second
 * factor): the actor administers its organisation and may grant every role it holds; a
 * coordinator's account only when all its municipalities are the actor's too.
 */
export function mayManageAccount(actor: Actor, target: { organisation: OrganisationFacts; roles: readonly Role[]; municipalities: readonly string[] }): boolean {
  if (!administersOrganisation(actor, target.organisation)) return false;
  if (!target.roles.every((r) => mayGrantRole(actor, r))) return false;
  return !target.roles.includes('coordinator') || target.municipalities.every((m) => actor.municipalities.includes(m));
}

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
  'incident.read': { reporter: 'own', areaGroup: 'shared', viewer: 'shared', admin: 'shared', coordinator: 'all' },
  'incident.create': { reporter: 'all', areaGroup: 'all', viewer: 'none', admin: 'none', coordinator: 'all' },
  'incident.edit': { reporter: 'own', areaGroup: 'own', viewer: 'none', admin: 'none', coordinator: 'all' },
  /** Changing who may see a report. */
  'incident.restrict': { reporter: 'own', areaGroup: 'own', viewer: 'none', admin: 'none', coordinator: 'all' },
  'incident.review': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'none', coordinator: 'all' },
  /** Bringing in reports from a file, and undoing such an import as a whole. */
  'incidents.import': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'all' },
  // Configuration.
  'configuration.manage': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'all' },
  'organisations.manage': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'none' },
  'users.manage': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'all' },
  /** Handing out the administrator role, or changing a user who holds it. */
  'users.manageAdmins': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'none' },
  'settings.map': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'none' },
  /** Uploading Polisen's events for a municipality, and seeing how current they are and how the poller fares. */
  'policeEvents.import': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'all' },
  // The EST cycle: editions of the lägesbild, meetings and their decisions, measures, the yearly plan.
  'editions.read': { reporter: 'all', areaGroup: 'all', viewer: 'all', admin: 'all', coordinator: 'all' },
  'editions.readDrafts': { reporter: 'none', areaGroup: 'all', viewer: 'none', admin: 'none', coordinator: 'all' },
  'editions.write': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'none', coordinator: 'all' },
  'meetings.read': { reporter: 'none', areaGroup: 'all', viewer: 'all', admin: 'all', coordinator: 'all' },
  'meetings.manage': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'none', coordinator: 'all' },
  'decisions.make': { reporter: 'none', areaGroup: 'all', viewer: 'none', admin: 'none', coordinator: 'all' },
  'measures.read': { reporter: 'none', areaGroup: 'all', viewer: 'all', admin: 'all', coordinator: 'all' },
  'measures.create': { reporter: 'none', areaGroup: 'all', viewer: 'none', admin: 'none', coordinator: 'all' },
  'measure.edit': { reporter: 'none', areaGroup: 'own', viewer: 'none', admin: 'none', coordinator: 'all' },
  'actionPlan.read': { reporter: 'none', areaGroup: 'all', viewer: 'all', admin: 'all', coordinator: 'all' },
  'actionPlan.write': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'none', coordinator: 'all' },
  'documents.export': { reporter: 'none', areaGroup: 'all', viewer: 'all', admin: 'all', coordinator: 'all' },
  // Open311 (issue 17): creating and revoking the api_keys of the systems that send tips.
  'open311.manage': { reporter: 'none', areaGroup: 'none', viewer: 'none', admin: 'all', coordinator: 'none' },
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

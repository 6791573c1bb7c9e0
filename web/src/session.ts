import { signal } from '@preact/signals';
import type { Actor } from '../../src/core/access/roles.ts';
import { can, type Action, type RecordFacts } from '../../src/core/access/policy.ts';
import type { Me } from './api/types.ts';

/** The logged-in user (null when logged out, undefined while it is being found out). */
export const session = signal<Me | null | undefined>(undefined);

/** The logged-in user as the access policy sees an actor (the server builds the same from its session). */
export function actorOf(me: Me): Actor {
  const u = me.user;
  return { userId: u.id, organisationId: u.organisationId, municipalityId: u.municipalityId, municipalities: u.municipalities, roles: u.roles };
}

/**
 * Whether the logged-in user may do an action — on a record when one is given — by the server's own
 * policy table (src/core/access/policy.ts), so a button is shown exactly when the server would allow
 * the request it makes. Nobody may do anything while logged out. Reads the session signal, so a
 * component that asks re-renders when the user changes.
 */
export function may(action: Action, record?: RecordFacts): boolean {
  const me = session.value;
  return !!me && can(actorOf(me), action, record);
}

/**
 * Whether to offer "Skapa plats" on a hotspot (ui/MakePlace.tsx): making the place needs
 * configuration.manage (POST /api/places/from-cells), and the point of it is the measure it then
 * offers to start there (measures.create). Both: the coordinator, not the administrator, who manages
 * places but makes no measures.
 */
export const mayMakePlace = (): boolean => may('configuration.manage') && may('measures.create');

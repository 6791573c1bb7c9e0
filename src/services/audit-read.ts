/**
 * Reads of personal or restricted data go into the audit log (issue 16, item 8): one entry per
 * request, naming what was asked for and how much came back, never one per incident — a page of a
 * hundred reports costs one INSERT, not a hundred, and reads nothing more.
 */
import type { Actor } from '../core/access/roles.ts';
import type { Queryable } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';

export interface ReadFacts {
  /** The filter as the service applied it (a parsed IncidentFilter, or the query of another read). */
  filter?: object;
  /** How many records the answer carries. */
  count: number;
  /** Where the page began (the keyset cursor's position), for a paged read. */
  after?: object;
  /** The one record read, when the read is of one (an incident, a meeting, a user). */
  subject?: { type: string; id: string };
  /** Where the record lives, when it is not the actor's home municipality. */
  municipalityId?: string;
  /** Anything else worth keeping (e.g. how many incidents a map's clusters stand for). */
  extra?: Record<string, unknown>;
}

/**
 * Writes the one audit entry of a read. The command line's actor ('system') is no user, so its
 * reads carry no user id.
 */
export async function auditRead(db: Queryable, actor: Actor, action: string, facts: ReadFacts): Promise<void> {
  await recordAudit(db, {
    municipalityId: facts.municipalityId ?? actor.municipalityId,
    userId: actor.userId === 'system' ? null : actor.userId,
    action,
    subjectType: facts.subject?.type,
    subjectId: facts.subject?.id,
    details: {
      ...(facts.filter ? { filter: facts.filter } : {}),
      count: facts.count,
      ...(facts.after ? { after: facts.after } : {}),
      ...facts.extra,
    },
  });
}

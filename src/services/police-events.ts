import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import { DomainError, forbidden } from '../core/errors/index.ts';
import { POLISEN_RULES } from '../core/police-events/poll-rules.ts';
import { municipalitiesOfEvent, type DeploymentMunicipality } from '../core/police-events/split.ts';
import type { PoliceEventRecord } from '../core/police-events/types.ts';
import type { Database, Queryable } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { listMunicipalities } from '../db/repositories/municipalities.ts';
import { insertPoliceEvents, policeEventHoldings } from '../db/repositories/police-events.ts';
import { pollerCallCounts, readPollerState, type PollerState } from '../db/repositories/police-poller.ts';
import { parsePoliceEventsText, PoliceEventsFormatError } from '../io/polisen/events.ts';
import { municipalitiesOf } from './scope.ts';

/**
 * Polisen's events brought in: uploaded from the web app (Administration → Polishändelser), read
 * from a file by `lagesbild import police`, or fetched by the poller (./police-poller.ts). Each way
 * splits the events by municipality the same way (src/core/police-events/split.ts) and stores only
 * those of the deployment's municipalities.
 */

/** What storing did for one municipality. */
export interface StoredFor {
  municipalityId: string;
  name: string;
  /** Events of the file or answer that belong to it. */
  events: number;
  new: number;
  alreadyHeld: number;
}

export interface StoredEvents {
  read: number;
  /** The municipalities stored into, by name. */
  municipalities: StoredFor[];
  /** Events of the deployment's other municipalities: not stored by this request. */
  notStored: number;
  /** Events of none of the deployment's municipalities: dropped. */
  outside: number;
}

/**
 * Splits the events over the deployment's municipalities and stores those of `into` (all of the
 * deployment when absent) in one go: a caller's transaction stores everything or nothing.
 */
export async function storePoliceEvents(q: Queryable, events: readonly PoliceEventRecord[], deployment: readonly DeploymentMunicipality[], into?: readonly string[]): Promise<StoredEvents> {
  const targets = deployment.filter((d) => !into || into.includes(d.id));
  const per = new Map<string, PoliceEventRecord[]>(targets.map((d) => [d.id, []]));
  let notStored = 0, outside = 0;
  for (const e of events) {
    const ids = municipalitiesOfEvent(e, deployment).ids;
    if (!ids.length) { outside++; continue; }
    const mine = ids.filter((id) => per.has(id));
    if (!mine.length) notStored++;
    for (const id of mine) per.get(id)!.push(e);
  }
  const municipalities: StoredFor[] = [];
  for (const d of targets) {
    const list = per.get(d.id)!;
    const fresh = await insertPoliceEvents(q, d.id, list);
    // An id twice in one file is one event held.
    municipalities.push({ municipalityId: d.id, name: d.name, events: list.length, new: fresh, alreadyHeld: new Set(list.map((e) => e.id)).size - fresh });
  }
  return { read: events.length, municipalities, notStored, outside };
}

const ACTION = 'policeEvents.import' as const;
const mayImportInto = (actor: Actor, municipalityId: string) => can(actor, ACTION, { municipalityId, organisationId: null });

/** The element and field a bad file names, as the API's field path: `events[3].datetime`, or `file` for the whole. */
function asDomainError(e: PoliceEventsFormatError): DomainError {
  const field = e.index === null ? 'file' : `events[${e.index}]${e.field ? `.${e.field}` : ''}`;
  return new DomainError('validation_failed', [{ field, ...e.issue }]);
}

/**
 * An uploaded file of Polisen's events (a JSON array as polisen.se/api/events returns it), stored
 * for the municipality asked for or, without one, for every municipality the actor may import into.
 * All or nothing: a bad event names its index and field and nothing is stored.
 */
export async function importPoliceEventsUpload(db: Database, actor: Actor, file: Buffer, fileName: string, requested?: string): Promise<StoredEvents> {
  if (!can(actor, ACTION)) throw forbidden();
  if (requested !== undefined && !mayImportInto(actor, requested)) throw forbidden();
  const into = requested !== undefined ? [requested] : actor.municipalities.filter((m) => mayImportInto(actor, m));
  let events: PoliceEventRecord[];
  try {
    events = parsePoliceEventsText(file.toString('utf8'));
  } catch (e) {
    if (e instanceof PoliceEventsFormatError) throw asDomainError(e);
    throw e;
  }
  const deployment = await listMunicipalities(db);
  return db.transaction(async (tx) => {
    const stored = await storePoliceEvents(tx, events, deployment, into);
    for (const m of stored.municipalities) {
      await recordAudit(tx, {
        municipalityId: m.municipalityId, userId: actor.userId, action: 'policeEvents.import',
        details: { fileName: fileName.slice(0, 200), read: stored.read, events: m.events, new: m.new, alreadyHeld: m.alreadyHeld },
      });
    }
    return stored;
  });
}

/** How this server process was started as to polling (LAGESBILD_POLICE_POLL). */
export interface PollerHere {
  enabled: boolean;
  /** Why polling was asked for but not started (no contact given); null otherwise. */
  refused: string | null;
}

export interface PoliceEventsStatus {
  municipalities: Array<{ municipalityId: string; name: string; held: number; newest: Date | null }>;
  /** The poller's recorded state (without its lease), and how it stands here and against the budget. */
  poller: Omit<PollerState, 'holder' | 'leaseUntil'> & {
    state: 'off' | 'active' | 'stopped';
    enabledHere: boolean;
    refusedHere: string | null;
    lastCallAt: Date | null;
    callsLastHour: number;
    callsLastDay: number;
    perHour: number;
    perDay: number;
    minSpacingS: number;
  };
}

/**
 * How current the police events are in the actor's municipalities (those asked for, or all it may
 * import into), and the deployment's poller: whether a process polls (it holds an unexpired lease),
 * whether polling stopped for good, its last call, answer and error, and the calls against the budget.
 */
export async function policeEventsStatus(db: Database, actor: Actor, here: PollerHere, requested?: readonly string[], now = new Date()): Promise<PoliceEventsStatus> {
  if (!can(actor, ACTION)) throw forbidden();
  const ids = municipalitiesOf(actor, requested).filter((m) => mayImportInto(actor, m));
  const [names, holdings, state, calls] = await Promise.all([listMunicipalities(db, ids), policeEventHoldings(db, ids), readPollerState(db), pollerCallCounts(db, now)]);
  const nameOf = new Map(names.map((m) => [m.id, m.name]));
  return {
    municipalities: holdings.map((h) => ({ ...h, name: nameOf.get(h.municipalityId) ?? h.municipalityId }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
    poller: {
      state: state.stoppedAt ? 'stopped' : state.leaseUntil && new Date(state.leaseUntil).getTime() > now.getTime() ? 'active' : 'off',
      enabledHere: here.enabled,
      refusedHere: here.refused,
      lastCallAt: calls.lastCallAt,
      lastSuccessAt: state.lastSuccessAt,
      lastReceived: state.lastReceived,
      lastNew: state.lastNew,
      lastError: state.lastError,
      lastErrorAt: state.lastErrorAt,
      stoppedAt: state.stoppedAt,
      stopReason: state.stopReason,
      callsLastHour: calls.lastHour,
      callsLastDay: calls.lastDay,
      perHour: POLISEN_RULES.perHour,
      perDay: POLISEN_RULES.perDay,
      minSpacingS: POLISEN_RULES.minSpacingMs / 1000,
    },
  };
}

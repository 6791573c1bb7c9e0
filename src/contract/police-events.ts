/**
 * Polisen's events (Administration → Polishändelser): upload a file as polisen.se/api/events
 * returns it, and see how current the events are and how the deployment's poller fares. The file
 * travels as multipart form data (field `file`); the municipality to store for is a query parameter.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, StringEnum } from './common.ts';

export const PoliceEventsImportQuery = Type.Object({
  municipality: Type.Optional(Type.String({ pattern: '^[0-9]{4}$', description: 'Store for this municipality only. Without it, for every municipality the caller may import into.' })),
}, { additionalProperties: false });
export type PoliceEventsImportQuery = Static<typeof PoliceEventsImportQuery>;

export const PoliceEventsImport = Type.Object({
  read: Type.Integer({ description: 'Events in the file.' }),
  municipalities: Type.Array(Type.Object({
    municipalityId: Type.String(),
    name: Type.String(),
    events: Type.Integer({ description: 'Events of the file that belong to the municipality (its own and its county\'s).' }),
    new: Type.Integer(),
    alreadyHeld: Type.Integer(),
  }), { description: 'The municipalities stored into. A county-wide event belongs to every municipality of the county.' }),
  notStored: Type.Integer({ description: 'Events of the deployment\'s other municipalities: not stored by this request.' }),
  outside: Type.Integer({ description: 'Events of none of the deployment\'s municipalities: dropped.' }),
});
export type PoliceEventsImport = Static<typeof PoliceEventsImport>;

export const PoliceEventsStatusQuery = Type.Object({
  municipality: Type.Optional(Type.String({ pattern: '^[0-9]{4}(,[0-9]{4})*$', description: 'Comma-separated municipality codes (default: all the caller may import into).' })),
}, { additionalProperties: false });

export const POLLER_STATES = ['off', 'active', 'stopped'] as const;

export const PoliceEventsStatus = Type.Object({
  municipalities: Type.Array(Type.Object({ municipalityId: Type.String(), name: Type.String(), held: Type.Integer(), newest: Nullable(DateTime) })),
  poller: Type.Object({
    state: StringEnum(POLLER_STATES, { description: 'active: a process of the deployment polls (holds the lease); stopped: Polisen answered 404 and polling stopped for good; off: nobody polls.' }),
    enabledHere: Type.Boolean({ description: 'This server process was started with LAGESBILD_POLICE_POLL=on.' }),
    refusedHere: Nullable(Type.String({ description: 'Why this process does not poll although asked to (no contact given).' })),
    lastCallAt: Nullable(DateTime),
    lastSuccessAt: Nullable(DateTime),
    lastReceived: Nullable(Type.Integer()),
    lastNew: Nullable(Type.Integer()),
    lastError: Nullable(Type.String()),
    lastErrorAt: Nullable(DateTime),
    stoppedAt: Nullable(DateTime),
    stopReason: Nullable(Type.String()),
    callsLastHour: Type.Integer(),
    callsLastDay: Type.Integer(),
    perHour: Type.Integer(),
    perDay: Type.Integer(),
    minSpacingS: Type.Integer(),
  }),
});
export type PoliceEventsStatus = Static<typeof PoliceEventsStatus>;

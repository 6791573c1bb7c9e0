/**
 * The audit view (issue 16, item 10): who read, exported or changed what and when, for coordinators
 * and the data-protection officer of the municipalities; and a user's own log-ins.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, StringEnum, Uuid } from './common.ts';
import { TextDownload } from './incidents.ts';

const Day = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });

const auditFilters = {
  from: Type.Optional(Day('First day (Europe/Stockholm), inclusive.')),
  to: Type.Optional(Day('Last day (Europe/Stockholm), inclusive.')),
  userId: Type.Optional(Uuid),
  organisationId: Type.Optional(Uuid),
  action: Type.Optional(Type.String({ maxLength: 64, description: 'An action as stored, e.g. incidents.read (GET /api/audit/people lists them with labels).' })),
};

export const AuditQuery = Type.Object({
  ...auditFilters,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 20, description: 'nextCursor of the previous page.' })),
}, { additionalProperties: false });
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditExportQuery = Type.Object(auditFilters, { additionalProperties: false });
export type AuditExportQuery = Static<typeof AuditExportQuery>;

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: DateTime,
  municipalityId: Type.String(),
  userId: Nullable(Uuid, { description: 'Null for the system (the command line, the scheduler) or a failed login of an unknown address.' }),
  userName: Nullable(Type.String()),
  organisationId: Nullable(Uuid),
  organisationName: Nullable(Type.String()),
  action: Type.String(),
  actionLabel: Type.String({ description: 'The action in words, in the language of the request.' }),
  subjectType: Nullable(Type.String()),
  subjectId: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown(), { description: 'For a read: the filter, the number of records returned (count) and where the page began (after).' }),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object({ items: Type.Array(AuditEntry), nextCursor: Nullable(Type.String()) });
export type AuditPage = Static<typeof AuditPage>;

export const AuditPeople = Type.Object({
  users: Type.Array(Type.Object({ id: Uuid, name: Type.String(), organisationId: Uuid })),
  organisations: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  actions: Type.Array(Type.Object({ action: Type.String(), label: Type.String() })),
});
export type AuditPeople = Static<typeof AuditPeople>;

export const AuditCsv = TextDownload('CSV for Swedish Excel: UTF-8 with a byte order mark, semicolons, Swedish headers, times in Europe/Stockholm; newest first.');

export const LOGIN_OUTCOMES = ['login', 'login.failed'] as const;
export const MyLogins = Type.Object({
  items: Type.Array(Type.Object({
    at: DateTime,
    outcome: StringEnum(LOGIN_OUTCOMES, { description: 'login: signed in; login.failed: a wrong password (or a refused attempt) for this account.' }),
    ip: Nullable(Type.String()),
  })),
  days: Type.Integer({ description: 'How far back the list reaches.' }),
});
export type MyLogins = Static<typeof MyLogins>;

/**
 * Retention rules (issue 16 item 11) and the rights of data subjects (item 13): the setting, runs
 * and dry runs, the register extract and erasure.
 */
import { Type, type Static } from '@sinclair/typebox';
import { RETENTION_RANGES } from '../core/retention/rules.ts';
import { Nullable, StringEnum, Uuid } from './common.ts';

const months = (f: keyof typeof RETENTION_RANGES, description: string) =>
  Type.Integer({ minimum: RETENTION_RANGES[f].min, maximum: RETENTION_RANGES[f].max, description });

export const RetentionRules = Type.Object({
  automatic: Type.Boolean({ description: 'The scheduler applies the rules once a day (off until switched on)' }),
  freeTextMonths: months('freeTextMonths', 'Descriptions and photos are removed from incidents that ended more than this many months ago (default 24)'),
  coarsenPositionYears: months('coarsenPositionYears', 'Positions of incidents that ended more than this many years ago become the centre of their 100 m SWEREF 99 TM cell (default 5)'),
  closedAccountMonths: months('closedAccountMonths', 'A closed account\'s personal data is removed this many months after it was closed (default 12)'),
  auditLogYears: months('auditLogYears', 'Audit entries older than this many years are deleted (default 5)'),
}, { additionalProperties: false });
export type RetentionRules = Static<typeof RetentionRules>;

/**
 * What a coordinator sends: any of the fields, the others stay. The periods are numbers here (the
 * service names a value out of range in the caller's language, field by field).
 */
export const RetentionRulesInput = Type.Object({
  automatic: Type.Optional(Type.Boolean()),
  freeTextMonths: Type.Optional(Type.Number()),
  coarsenPositionYears: Type.Optional(Type.Number()),
  closedAccountMonths: Type.Optional(Type.Number()),
  auditLogYears: Type.Optional(Type.Number()),
}, { additionalProperties: false });
export type RetentionRulesInput = Static<typeof RetentionRulesInput>;

export const RetentionRunInput = Type.Object({
  dryRun: Type.Boolean({ description: 'true: change nothing, report what a run would remove' }),
}, { additionalProperties: false });

const n = Type.Integer({ minimum: 0 });
export const RetentionCounts = Type.Object({
  freeText: Type.Object({ descriptions: n, photos: n, historyEntries: n }, { additionalProperties: false }),
  coarsenPositions: Type.Object({ incidents: n, historyEntries: n }, { additionalProperties: false }),
  closedAccounts: Type.Object({ users: n, descriptions: n, sessions: n, notifications: n, historyEntries: n, auditEntries: n, measures: n }, { additionalProperties: false }),
  auditLog: Type.Object({ entries: n }, { additionalProperties: false }),
}, { additionalProperties: false });
export type RetentionCounts = Static<typeof RetentionCounts>;

const Cutoff = Type.String({ format: 'date-time' });
export const RetentionRunResult = Type.Object({
  municipalityId: Type.String(),
  dryRun: Type.Boolean(),
  at: Type.String({ format: 'date-time' }),
  rules: RetentionRules,
  cutoffs: Type.Object({ freeText: Cutoff, coarsenPositions: Cutoff, closedAccounts: Cutoff, auditLog: Cutoff }, { additionalProperties: false, description: 'Per rule: what is older than this is affected' }),
  counts: RetentionCounts,
}, { additionalProperties: false });
export type RetentionRunResult = Static<typeof RetentionRunResult>;

export const RetentionRun = Type.Object({
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
  status: StringEnum(['running', 'done', 'failed'] as const),
  dryRun: Type.Boolean(),
  trigger: StringEnum(['command', 'web', 'schedule'] as const),
  counts: Nullable(RetentionCounts),
  error: Nullable(Type.String()),
}, { additionalProperties: false });
export type RetentionRun = Static<typeof RetentionRun>;
export const RetentionRuns = Type.Array(RetentionRun);

// ---- the rights of data subjects ------------------------------------------------------------------

export const RegisterExtractQuery = Type.Object({
  format: StringEnum(['json', 'pdf'] as const, { default: 'json' }),
  lang: Type.Optional(StringEnum(['sv', 'en'] as const)),
}, { additionalProperties: false });

/** The file: JSON (the RegisterExtract below) or PDF. */
export const RegisterExtractFile = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: 'The register extract as JSON or PDF' });

const Any = Type.Record(Type.String(), Type.Unknown());
const When = Type.String({ format: 'date-time' });
/** The JSON extract's shape (what the file holds), for readers of the API. */
export const RegisterExtract = Type.Object({
  generatedAt: When,
  account: Type.Object({
    id: Uuid, email: Type.String(), name: Type.String(), roles: Type.Array(Type.String()), active: Type.Boolean(), municipalityId: Type.String(),
    createdAt: When, updatedAt: When, lastLoginAt: Nullable(When), deactivatedAt: Nullable(When), erasedAt: Nullable(When),
    organisation: Type.Object({ id: Uuid, name: Type.String(), kind: Type.String(), municipalityId: Type.String() }),
    grantedMunicipalities: Type.Array(Type.String()),
  }),
  reports: Type.Array(Type.Object({
    id: Uuid, municipalityId: Type.String(), category: Type.String(), occurredFrom: When, occurredTo: When, reportedAt: When,
    e: Type.Number(), n: Type.Number(), placeName: Nullable(Type.String()), description: Nullable(Type.String()), photos: Type.Integer(),
  })),
  history: Type.Array(Type.Object({ incidentId: Uuid, municipalityId: Type.String(), changedAt: When, action: Type.String(), changes: Any })),
  audit: Type.Array(Type.Object({
    municipalityId: Nullable(Type.String()), at: When, action: Type.String(), by: Type.Boolean({ description: 'true: the user did it; false: it concerns the user' }),
    subjectType: Nullable(Type.String()), subjectId: Nullable(Type.String()), details: Any,
  })),
  sessions: Type.Array(Type.Object({ createdAt: When, lastSeenAt: When, expiresAt: When })),
  notifications: Type.Array(Type.Object({
    municipalityId: Type.String(), channel: Type.String(), kind: Type.String(), subject: Type.String(), createdAt: When, readAt: Nullable(When), sentAt: Nullable(When),
  })),
});
export type RegisterExtract = Static<typeof RegisterExtract>;

export const ErasureResult = Type.Object({
  userId: Uuid,
  name: Type.String({ description: 'The name the account has from now on' }),
  descriptions: n, sessions: n, notifications: n, historyEntries: n, auditEntries: n, measures: n,
}, { additionalProperties: false });
export type ErasureResult = Static<typeof ErasureResult>;

/**
 * Lägesbild editions in the HTTP contract: made for a period (and an area), written (the summary,
 * the cause analyses, the status levels), published, corrected by new versions and compared.
 */
import { Type, type Static } from '@sinclair/typebox';
import { STATUS_LEVELS } from '../core/situation-picture/narrative.ts';
import { DateTime, Nullable, StringEnum, Uuid } from './common.ts';
import { SituationPictureContent } from './edition-content.ts';
import { PersonalDataRemoved } from './privacy.ts';

const EditionStatus = StringEnum(['draft', 'published'] as const);
const StatusLevel = StringEnum(STATUS_LEVELS);
const Day = Type.String({ description: 'Calendar day YYYY-MM-DD (Europe/Stockholm)', maxLength: 10 });

export const SituationPictureSummary = Type.Object({
  id: Uuid, seriesId: Uuid, version: Type.Integer(), title: Type.String(), status: EditionStatus,
  origin: StringEnum(['manual', 'scheduled'] as const), municipalityId: Type.String(), areaId: Nullable(Uuid), areaName: Nullable(Type.String()),
  period: Type.Object({ from: Type.String(), to: Type.String({ description: 'last day, inclusive' }), days: Type.Integer() }),
  publishedAt: Nullable(DateTime), createdAt: DateTime, total: Type.Integer(),
}, { $id: 'SituationPictureSummary' });
export type SituationPictureSummary = Static<typeof SituationPictureSummary>;
const SummaryRef = Type.Unsafe<SituationPictureSummary>(Type.Ref('SituationPictureSummary'));

/** A cause analysis after the crime triangle, as stored and sent: every part present. */
export const ProblemAnalysis = Type.Object({
  id: Type.String(), title: Type.String(), priority: Type.Integer(), categoryIds: Type.Array(Type.String()),
  placeId: Nullable(Type.String()), areaId: Nullable(Type.String()),
  offender: Type.String(), target: Type.String(), place: Type.String(), suggestedMeasures: Type.String(),
});
export type ProblemAnalysis = Static<typeof ProblemAnalysis>;
export const Narrative = Type.Object({ summary: Type.String(), problems: Type.Array(ProblemAnalysis) });
export type Narrative = Static<typeof Narrative>;
export const StatusLevelEntry = Type.Object({ kind: StringEnum(['area', 'place'] as const), id: Type.String(), name: Type.String(), level: StatusLevel, comment: Type.String() });
export type StatusLevelEntry = Static<typeof StatusLevelEntry>;
export type StatusLevel = Static<typeof StatusLevel>;

export const SituationPicture = Type.Object({
  ...SituationPictureSummary.properties,
  filters: Type.Object({ categoryIds: Type.Array(Type.String()), organisationIds: Type.Array(Type.String()) }),
  content: SituationPictureContent,
  narrative: Narrative,
  statusLevels: Type.Array(StatusLevelEntry),
  rowVersion: Type.Integer(), computedAt: DateTime,
  versions: Type.Array(Type.Object({ id: Uuid, version: Type.Integer(), status: EditionStatus, publishedAt: Nullable(DateTime) })),
  personalDataRemoved: PersonalDataRemoved,
}, { $id: 'SituationPicture' });
export type SituationPicture = Static<typeof SituationPicture>;
export const SituationPictureRef = Type.Unsafe<SituationPicture>(Type.Ref('SituationPicture'));

export const SituationPictureList = Type.Object({ items: Type.Array(SummaryRef) });
export type SituationPictureList = Static<typeof SituationPictureList>;
export const SituationPictureListQuery = Type.Object({
  status: Type.Optional(EditionStatus), areaId: Type.Optional(Type.String({ maxLength: 40 })),
}, { additionalProperties: false });

/**
 * A cause analysis as the client sends it: the parts it leaves out are empty. Checked in full (ids,
 * lengths, priority) by core/situation-picture/narrative.ts, which names each bad field.
 */
export const ProblemAnalysisInput = Type.Object({
  id: Type.Optional(Type.String({ maxLength: 100 })), title: Type.String({ maxLength: 200 }), priority: Type.Optional(Type.Integer()),
  categoryIds: Type.Optional(Type.Array(Type.String(), { maxItems: 100 })), placeId: Type.Optional(Nullable(Type.String())),
  areaId: Type.Optional(Nullable(Type.String())), offender: Type.Optional(Type.String()), target: Type.Optional(Type.String()),
  place: Type.Optional(Type.String()), suggestedMeasures: Type.Optional(Type.String()),
}, { description: 'Cause analysis after the crime triangle: offender (gärningsperson), target (offer/mål), place (plats)' });
const NarrativeInput = Type.Object({ summary: Type.Optional(Type.String()), problems: Type.Optional(Type.Array(ProblemAnalysisInput)) });
const StatusLevelInput = Type.Object({
  kind: Type.String({ description: 'area | place' }), id: Type.String(), name: Type.Optional(Type.String()),
  level: Type.String({ description: 'green | yellow | red' }), comment: Type.Optional(Type.String()),
});

export const SituationPictureCreate = Type.Object({
  from: Day, to: Day,
  municipalityId: Type.Optional(Type.String({ pattern: '^[0-9]{4}$', description: 'The municipality it covers, one of the caller\'s (default: the area\'s, else the caller\'s home).' })),
  areaId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  categoryIds: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 100 })),
  organisationIds: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 100 })),
  title: Type.Optional(Type.String({ maxLength: 1000 })),
}, { additionalProperties: false });
export type SituationPictureCreate = Static<typeof SituationPictureCreate>;
export const SituationPicturePatch = Type.Object({
  rowVersion: Type.Integer({ minimum: 1 }),
  title: Type.Optional(Type.String({ maxLength: 1000 })),
  narrative: Type.Optional(NarrativeInput),
  statusLevels: Type.Optional(Type.Array(StatusLevelInput)),
}, { additionalProperties: false });
export type SituationPicturePatch = Static<typeof SituationPicturePatch>;
export const EditionRowVersion = Type.Object({ rowVersion: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export const NewVersionBody = Type.Object({}, { additionalProperties: false });
export const EditionParams = Type.Object({ id: Type.String({ maxLength: 40 }) });
export const CompareParams = Type.Object({ id: Type.String({ maxLength: 40 }), otherId: Type.String({ maxLength: 40 }) });

const ComparedCount = { base: Type.Integer(), other: Type.Integer(), change: Type.Integer() };
export const EditionComparison = Type.Object({
  base: SummaryRef, other: SummaryRef,
  totals: Type.Object(ComparedCount),
  byCategory: Type.Array(Type.Object({ id: Type.String(), nameSv: Type.String(), ...ComparedCount })),
  byArea: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), ...ComparedCount })),
  hotspots: Type.Object({ new: Type.Array(Type.String()), persisting: Type.Array(Type.String()), gone: Type.Array(Type.String()) }, { description: 'Significant hot cells by id.' }),
  statusLevels: Type.Array(Type.Object({ kind: StringEnum(['area', 'place'] as const), id: Type.String(), name: Type.String(), base: Nullable(StatusLevel), other: Nullable(StatusLevel) })),
});
export type EditionComparison = Static<typeof EditionComparison>;

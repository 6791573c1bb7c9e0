/**
 * Measures (åtgärder) in the HTTP contract: the catalogue of types, a measure as it is written and
 * read, its computed follow-up (Bowers & Johnson), and a hotspot made a place to attach one to.
 */
import { Type, type Static } from '@sinclair/typebox';
import { INTERVENTION_NULL_REASONS, WDQ_INTERPRETATIONS } from '../core/analysis/intervention/index.ts';
import { MEASURE_KINDS } from '../core/measures/catalogue.ts';
import { CAVEAT_CODES } from '../core/measures/follow-up.ts';
import { MEASURE_LIMITS, MEASURE_STATUSES, MEASURE_TERMS } from '../core/measures/rules.ts';
import { PLACE_FROM_CELLS_MAX } from '../core/places/from-cells.ts';
import { DateTime, Geometry, Nullable, StringEnum, Uuid } from './common.ts';
import { PersonalDataRemoved } from './privacy.ts';

const Day = Type.String({ maxLength: 10, description: 'YYYY-MM-DD (Europe/Stockholm)' });
const text = (max: number) => Nullable(Type.String({ maxLength: max }));
const NullableString = Nullable(Type.String());

export const MeasureType = Type.Object({
  code: Type.String(), kind: StringEnum(MEASURE_KINDS), nameSv: Type.String(), nameEn: Type.String(), defaultTerm: StringEnum(MEASURE_TERMS),
});
export type MeasureType = Static<typeof MeasureType>;
export const MeasureTypeList = Type.Object({ items: Type.Array(MeasureType) });
export type MeasureTypeList = Static<typeof MeasureTypeList>;

/** Where the follow-up draws its buffer and control; unset means the defaults. */
const FollowUpSettings = Type.Object({
  bufferM: Type.Optional(Type.Number({ description: `Buffer ring width in metres (${MEASURE_LIMITS.bufferM.min}–${MEASURE_LIMITS.bufferM.max}, default 300)` })),
  controlAreaId: Type.Optional(Uuid),
  controlPlaceId: Type.Optional(Uuid),
  weeks: Type.Optional(Type.Integer({ description: `Weeks before and after (${MEASURE_LIMITS.weeks.min}–${MEASURE_LIMITS.weeks.max}, default 26)` })),
}, { additionalProperties: false });
export type FollowUpSettings = Static<typeof FollowUpSettings>;

/** The fields of a measure in a request. Required fields and the rules between fields are checked by core/measures/rules.ts, so they read the same here and inside a meeting decision. */
const measureInputProperties = {
  type: Type.Optional(Type.String({ maxLength: 50, description: 'Code from GET /api/measure-types' })),
  term: Type.Optional(StringEnum(MEASURE_TERMS)),
  title: Type.Optional(Type.String({ maxLength: MEASURE_LIMITS.titleMax })),
  problem: Type.Optional(text(MEASURE_LIMITS.problemMax)),
  categoryIds: Type.Optional(Type.Array(Uuid, { maxItems: MEASURE_LIMITS.categoriesMax })),
  placeId: Type.Optional(Nullable(Uuid)),
  areaId: Type.Optional(Nullable(Uuid)),
  organisationId: Type.Optional(Uuid),
  responsiblePerson: Type.Optional(text(MEASURE_LIMITS.responsiblePersonMax)),
  status: Type.Optional(StringEnum(MEASURE_STATUSES)),
  plannedStart: Type.Optional(Nullable(Day)),
  plannedEnd: Type.Optional(Nullable(Day)),
  actualStart: Type.Optional(Nullable(Day)),
  actualEnd: Type.Optional(Nullable(Day)),
  costSek: Type.Optional(Nullable(Type.Number())),
  notes: Type.Optional(text(MEASURE_LIMITS.notesMax)),
  followUp: Type.Optional(FollowUpSettings),
  meetingId: Type.Optional(Nullable(Uuid)),
  situationPictureId: Type.Optional(Nullable(Uuid)),
};
export const MeasureBody = Type.Object(measureInputProperties, { additionalProperties: false });
export type MeasureBody = Static<typeof MeasureBody>;
export const MeasurePatch = Type.Object({ rowVersion: Type.Integer({ minimum: 1 }), ...measureInputProperties }, { additionalProperties: false });
export type MeasurePatch = Static<typeof MeasurePatch>;

export const Measure = Type.Object({
  id: Uuid, municipalityId: Type.String(), type: Type.String(), term: StringEnum(MEASURE_TERMS), title: Type.String(), problem: NullableString,
  categoryIds: Type.Array(Type.String()), placeId: NullableString, placeName: NullableString, areaId: NullableString, areaName: NullableString,
  organisationId: Type.String(), organisationName: Type.String(), responsiblePerson: NullableString, status: StringEnum(MEASURE_STATUSES),
  plannedStart: NullableString, plannedEnd: NullableString, actualStart: NullableString, actualEnd: NullableString,
  costSek: Nullable(Type.Number()), notes: NullableString, followUp: FollowUpSettings,
  meetingId: NullableString, situationPictureId: NullableString, rowVersion: Type.Integer(),
  createdAt: DateTime, updatedAt: DateTime, overdue: Type.Boolean(),
  personalDataRemoved: PersonalDataRemoved,
});
export type Measure = Static<typeof Measure>;
export const MeasureList = Type.Object({ items: Type.Array(Measure) });
export type MeasureList = Static<typeof MeasureList>;

export const MeasureListQuery = Type.Object({
  status: Type.Optional(StringEnum(MEASURE_STATUSES)),
  term: Type.Optional(StringEnum(MEASURE_TERMS)),
  placeId: Type.Optional(Uuid),
  areaId: Type.Optional(Uuid),
  organisationId: Type.Optional(Uuid),
  due: Type.Optional(StringEnum(['overdue', 'soon'] as const)),
  incidentId: Type.Optional(Uuid),
  meetingId: Type.Optional(Uuid),
  municipality: Type.Optional(Type.String({ pattern: '^[0-9]{4}(,[0-9]{4})*$', description: 'Comma-separated municipality codes (default: all of the caller\'s).' })),
}, { additionalProperties: false });

export const FollowUpQuery = Type.Object({
  bufferM: Type.Optional(Type.Number({ minimum: MEASURE_LIMITS.bufferM.min, maximum: MEASURE_LIMITS.bufferM.max })),
  controlAreaId: Type.Optional(Uuid),
  controlPlaceId: Type.Optional(Uuid),
  weeks: Type.Optional(Type.Integer({ minimum: MEASURE_LIMITS.weeks.min, maximum: MEASURE_LIMITS.weeks.max })),
}, { additionalProperties: false });

const COUNTS = ['Rb', 'Ra', 'Db', 'Da', 'Cb', 'Ca'] as const;

/** A measure of effect that may be undefined for the counts; then null, with the reason. */
const Quantity = Type.Object({ value: Nullable(Type.Number()), reason: Nullable(StringEnum(INTERVENTION_NULL_REASONS)) });
export const InterventionResult = Type.Object({
  grossEffect: Type.Number(),
  grossPercentChange: Quantity,
  netEffect: Quantity,
  bufferNetEffect: Quantity,
  totalNetEffect: Quantity,
  successMeasure: Quantity,
  bufferDisplacementMeasure: Quantity,
  wdq: Quantity,
  interpretation: Nullable(StringEnum(WDQ_INTERPRETATIONS), { description: 'Bowers & Johnson\'s reading of SM and WDQ; null when SM is undefined.' }),
  warnings: Type.Array(Type.Object({ code: Type.Literal('small-count'), field: StringEnum(COUNTS), value: Type.Number(), message: Type.String() })),
});
export type InterventionResult = Static<typeof InterventionResult>;

const FollowUpPeriod = Type.Object({ from: Day, to: Type.String({ description: 'Last day, inclusive.' }), days: Type.Integer() });
const FollowUpArea = Type.Object({ name: NullableString, geometry: Geometry, areaM2: Type.Number() });
export const FollowUp = Type.Object({
  measureId: Uuid,
  start: Day,
  before: FollowUpPeriod,
  after: FollowUpPeriod,
  weeks: Type.Integer(),
  bufferM: Type.Number(),
  categoryIds: Type.Array(Type.String()),
  areas: Type.Object({ response: FollowUpArea, buffer: FollowUpArea, control: FollowUpArea }),
  counts: Type.Object({ Rb: Type.Integer(), Ra: Type.Integer(), Db: Type.Integer(), Da: Type.Integer(), Cb: Type.Integer(), Ca: Type.Integer() }, { description: 'Incidents in the response (R), buffer (D) and control (C) areas, before (b) and after (a).' }),
  result: InterventionResult,
  weekly: Type.Array(Type.Object({ weekStart: Day, response: Type.Integer(), buffer: Type.Integer(), control: Type.Integer() })),
  caveats: Type.Array(Type.Object({ code: StringEnum(CAVEAT_CODES), message: Type.String() })),
  controlSuggested: Type.Boolean(),
});
export type FollowUp = Static<typeof FollowUp>;

/** A named place made of hotspot grid cells (their union as a polygon), so a measure can be attached to what the map showed. */
export const PlaceFromCells = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  cellIds: Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: PLACE_FROM_CELLS_MAX }),
}, { additionalProperties: false });

/** Area-group meetings in the HTTP contract: the agenda from the lägesbild, the decisions (and their measures), the minutes. */
import { Type, type Static } from '@sinclair/typebox';
import { AGENDA_KINDS } from '../core/meetings/agenda.ts';
import { MEETING_LIMITS } from '../core/meetings/rules.ts';
import { DateTime, Nullable, StringEnum, Uuid } from './common.ts';
import { Measure, MeasureBody } from './measures.ts';
import { DocumentLanguage } from './documents.ts';
import { PersonalDataRemoved } from './privacy.ts';

const NullableString = Nullable(Type.String());
const MeetingStatus = StringEnum(['planned', 'held'] as const);

const ParticipantInput = Type.Object({
  organisationId: Uuid,
  name: Type.Optional(Nullable(Type.String({ maxLength: MEETING_LIMITS.participantNameMax }))),
  present: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export const AgendaItem = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100 }),
  kind: StringEnum(AGENDA_KINDS),
  title: Type.String({ maxLength: 300 }),
  detail: Type.String({ maxLength: 2000 }),
  ref: Nullable(Type.Object({ type: Type.String({ maxLength: 50 }), id: Type.String({ maxLength: 100 }) }, { additionalProperties: false })),
}, {
  additionalProperties: false,
  description: 'A generated item\'s title and detail are written in the language of Accept-Language; sent back unchanged, it stays generated (and bilingual), changed, it keeps the text as written.',
});
export type AgendaItem = Static<typeof AgendaItem>;

export const MeetingCreate = Type.Object({
  heldAt: Type.String({ maxLength: 40, description: 'ISO 8601 date-time' }),
  title: Type.Optional(Type.String({ maxLength: MEETING_LIMITS.titleMax })),
  areaId: Type.Optional(Nullable(Uuid)),
  situationPictureId: Type.Optional(Nullable(Uuid)),
  participants: Type.Optional(Type.Array(ParticipantInput, { maxItems: MEETING_LIMITS.participantsMax })),
}, { additionalProperties: false });
export type MeetingCreate = Static<typeof MeetingCreate>;
export const MeetingPatch = Type.Object({
  rowVersion: Type.Integer({ minimum: 1 }),
  title: Type.Optional(Type.String({ maxLength: MEETING_LIMITS.titleMax })),
  heldAt: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(MeetingStatus),
  participants: Type.Optional(Type.Array(ParticipantInput, { maxItems: MEETING_LIMITS.participantsMax })),
  agenda: Type.Optional(Type.Array(AgendaItem, { maxItems: MEETING_LIMITS.agendaMax })),
  minutes: Type.Optional(Nullable(Type.String({ maxLength: MEETING_LIMITS.minutesMax }))),
}, { additionalProperties: false });
export type MeetingPatch = Static<typeof MeetingPatch>;
export const DecisionBody = Type.Object({
  text: Type.String({ maxLength: MEETING_LIMITS.decisionTextMax }),
  agendaItem: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  organisationId: Type.Optional(Nullable(Uuid)),
  due: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
  measure: Type.Optional(MeasureBody),
}, { additionalProperties: false });
export type DecisionBody = Static<typeof DecisionBody>;
/** A decision of a meeting, for "make this decision a measure". */
export const DecisionParams = Type.Object({ id: Uuid, decisionId: Uuid });

export const Decision = Type.Object({
  id: Uuid, meetingId: Uuid, agendaItem: NullableString, text: Type.String(), organisationId: NullableString, organisationName: NullableString,
  due: NullableString, measureId: NullableString, measure: Nullable(Measure), createdAt: DateTime,
  personalDataRemoved: PersonalDataRemoved,
});
export type Decision = Static<typeof Decision>;
export const Meeting = Type.Object({
  id: Uuid, municipalityId: Type.String(), municipalityName: Type.String(), areaId: NullableString, areaName: NullableString, title: Type.String(),
  heldAt: DateTime, situationPictureId: NullableString, situationPictureTitle: NullableString, status: MeetingStatus,
  participants: Type.Array(Type.Object({ organisationId: Type.String(), organisationName: Type.Optional(Type.String()), name: NullableString, present: Type.Boolean() })),
  agenda: Type.Array(AgendaItem), minutes: NullableString, rowVersion: Type.Integer(),
  createdAt: DateTime, updatedAt: DateTime, decisions: Type.Array(Decision),
  personalDataRemoved: PersonalDataRemoved,
});
export type Meeting = Static<typeof Meeting>;
export const MeetingSummary = Type.Object({
  id: Uuid, title: Type.String(), heldAt: DateTime, areaId: NullableString, areaName: NullableString, status: MeetingStatus,
  situationPictureId: NullableString, decisionCount: Type.Integer(),
});
export type MeetingSummary = Static<typeof MeetingSummary>;
export const MeetingList = Type.Object({ items: Type.Array(MeetingSummary) });
export type MeetingList = Static<typeof MeetingList>;
export const MeetingListQuery = Type.Object({
  areaId: Type.Optional(Uuid),
  municipality: Type.Optional(Type.String({ pattern: '^[0-9]{4}(,[0-9]{4})*$', description: 'Comma-separated municipality codes (default: all of the caller\'s).' })),
}, { additionalProperties: false });
export const MinutesQuery = Type.Object({ format: Type.Optional(StringEnum(['html', 'md'] as const)), lang: Type.Optional(DocumentLanguage) }, { additionalProperties: false });

/**
 * The first start in the browser (issue 13): the set-up guide a new installation's one-time link
 * opens. Every request carries the link's token; without a valid one nothing but the state is said.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ORGANISATION_KINDS } from '../core/organisations/types.ts';
import { StringEnum, Uuid } from './common.ts';

const MunicipalityCode = Type.String({ pattern: '^[0-9]{4}$' });
const Token = Type.String({ minLength: 1, maxLength: 200, description: 'The token of the set-up link `serve` printed.' });

export const SetupTokenQuery = Type.Object({ token: Token }, { additionalProperties: false });
export type SetupTokenQuery = Static<typeof SetupTokenQuery>;
export const SetupStatusQuery = Type.Object({ token: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false });

export const SETUP_STATES = ['ready', 'used', 'done', 'invalid'] as const;
/** Whether this link can set up the deployment now, and if not why: nothing else is revealed. */
export const SetupStatus = Type.Object({
  state: StringEnum(SETUP_STATES, {
    description: 'ready: the link is valid and nothing is set up yet; used: the link has set up the deployment; done: a municipality exists (set up another way); invalid: not a link this deployment issued, or one a later start replaced.',
  }),
}, { additionalProperties: false });
export type SetupStatus = Static<typeof SetupStatus>;

/** SCB's municipalities, which the product ships boundaries for. */
export const SetupMunicipalities = Type.Array(Type.Object({ code: Type.String(), name: Type.String() }, { additionalProperties: false }));
export type SetupMunicipalities = Static<typeof SetupMunicipalities>;

export const SetupTemplateQuery = Type.Object({
  token: Token,
  municipalities: Type.Optional(Type.Array(MunicipalityCode, { maxItems: 290, description: 'The chosen municipalities (the first names the police area).' })),
}, { additionalProperties: false });
export type SetupTemplateQuery = Static<typeof SetupTemplateQuery>;
/** Suggested organisations by the kinds the municipal guideline names. */
export const SetupTemplate = Type.Object({
  kinds: Type.Array(Type.Object({
    kind: StringEnum(ORGANISATION_KINDS),
    organisations: Type.Array(Type.Object({ name: Type.String(), shortName: Type.String(), selected: Type.Boolean() }, { additionalProperties: false })),
  }, { additionalProperties: false })),
}, { additionalProperties: false });
export type SetupTemplate = Static<typeof SetupTemplate>;

/** The default category tree every municipality starts with, flat with each parent's code. */
export const SetupCategories = Type.Array(Type.Object({
  code: Type.String(), parentCode: Type.Union([Type.Null(), Type.String()]), nameSv: Type.String(), nameEn: Type.String(), colour: Type.String(),
}, { additionalProperties: false }));
export type SetupCategories = Static<typeof SetupCategories>;

export const SetupBody = Type.Object({
  token: Token,
  municipalities: Type.Array(MunicipalityCode, { minItems: 1, maxItems: 290, uniqueItems: true }),
  organisations: Type.Array(Type.Object({
    name: Type.String({ maxLength: 200 }),
    shortName: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 50 })])),
    kind: StringEnum(ORGANISATION_KINDS),
    municipalities: Type.Array(MunicipalityCode, { minItems: 1, maxItems: 290, description: 'Where it works, among the chosen; the first is its home.' }),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 200 }),
  administrator: Type.Object({
    name: Type.String({ maxLength: 200 }),
    email: Type.String({ maxLength: 254 }),
    password: Type.String({ maxLength: 200 }),
    organisation: Type.Integer({ minimum: 0, description: 'Its position in `organisations` (0 = the first).' }),
  }, { additionalProperties: false }),
}, { additionalProperties: false });
export type SetupBody = Static<typeof SetupBody>;

/** What was set up; the administrator logs in as usual. */
export const SetupDone = Type.Object({
  municipalities: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }, { additionalProperties: false })),
  organisations: Type.Array(Type.Object({ id: Uuid, name: Type.String() }, { additionalProperties: false })),
  administrator: Type.Object({ id: Uuid, email: Type.String(), name: Type.String() }, { additionalProperties: false }),
}, { additionalProperties: false });
export type SetupDone = Static<typeof SetupDone>;

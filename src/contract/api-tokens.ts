/** Personal API tokens for the OGC API (issue 17 item 4): made, listed and revoked by their user. */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, StringEnum, Uuid } from './common.ts';

export const ApiTokenCreate = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, description: 'What the token is for ("QGIS på GIS-enheten").' }),
  expiresInDays: Type.Integer({ minimum: 1, maximum: 365, description: 'Days until it stops working (at most a year).' }),
  municipalities: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{4}$' }), {
    minItems: 1, maxItems: 300, description: 'Municipality codes it reads: some of yours; all of yours when absent.',
  })),
}, { additionalProperties: false });
export type ApiTokenCreate = Static<typeof ApiTokenCreate>;

export const ApiTokenCreated = Type.Object({
  id: Uuid,
  token: Type.String({ description: 'Shown this once: only its hash is kept. Send as "Authorization: Bearer <token>", or as the password of HTTP Basic.' }),
});
export type ApiTokenCreated = Static<typeof ApiTokenCreated>;

export const ApiTokenInfo = Type.Object({
  id: Uuid,
  name: Type.String(),
  municipalities: Type.Array(Type.String()),
  createdAt: DateTime,
  expiresAt: DateTime,
  lastUsedAt: Nullable(DateTime, { description: 'To the minute.' }),
  revokedAt: Nullable(DateTime),
  status: StringEnum(['active', 'expired', 'revoked'] as const),
});
export type ApiTokenInfo = Static<typeof ApiTokenInfo>;

export const ApiTokenList = Type.Object({ items: Type.Array(ApiTokenInfo) });
export type ApiTokenList = Static<typeof ApiTokenList>;

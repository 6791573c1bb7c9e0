/**
 * Open311 GeoReport v2 under /open311/v2 (https://wiki.open311.org/GeoReport_v2), and the
 * administrator's api_keys under /api/open311/keys. The GeoReport fields keep the specification's
 * snake_case names; each answer comes as JSON or XML by the path's extension (.json, .xml); the
 * schemas here describe the JSON. Parameters the specification defines and this server does not
 * use (attribute[…], address_id, extensions) are accepted and ignored, as clients send them.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Uuid } from './common.ts';

const Jurisdiction = Type.Optional(Type.String({ pattern: '^[0-9]{4}$', description: 'The municipality\'s SCB code. Needed when the deployment serves several municipalities.' }));

export const Open311Errors = Type.Array(Type.Object({
  code: Type.Integer({ description: 'The HTTP status.' }),
  description: Type.String({ description: 'What is wrong, naming the parameter, in the language of Accept-Language (Swedish by default).' }),
}), { description: 'GeoReport v2\'s error list (XML: <errors><error><code/><description/></error></errors>).' });

export const open311Errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, Open311Errors]));

export const Open311Discovery = Type.Object({
  changeset: Type.String(),
  contact: Type.String(),
  key_service: Type.String(),
  endpoints: Type.Array(Type.Object({
    specification: Type.String(),
    url: Type.String(),
    changeset: Type.String(),
    type: Type.String(),
    formats: Type.Array(Type.String()),
  })),
});

export const Open311JurisdictionQuery = Type.Object({ jurisdiction_id: Jurisdiction }, { additionalProperties: true });

export const Open311Service = Type.Object({
  service_code: Type.String({ description: 'The category\'s code, the same in every municipality.' }),
  service_name: Type.String(),
  description: Type.String(),
  metadata: Type.Boolean({ description: 'Always false: no category asks for attributes.' }),
  type: Type.String({ description: 'realtime: a tip gets its service_request_id at once.' }),
  keywords: Type.String(),
  group: Type.String({ description: 'The parent category\'s name (a top-level category: its own).' }),
});

export const Open311ServiceDefinition = Type.Object({
  service_code: Type.String(),
  attributes: Type.Array(Type.Object({}), { maxItems: 0 }),
});

export const Open311File = Type.Object({
  file: Type.String({ minLength: 1, maxLength: 200, description: 'The id with the format\'s extension, e.g. skadegorelse.klotter.xml.' }),
}, { additionalProperties: false });

export const Open311RequestsQuery = Type.Object({
  jurisdiction_id: Jurisdiction,
  api_key: Type.Optional(Type.String({ maxLength: 200, description: 'Not needed to read the public status; counted for the rate limit when given.' })),
  service_request_id: Type.Optional(Type.String({ maxLength: 16000, description: 'Comma-separated ids (at most 400); the other filters are then ignored.' })),
  service_code: Type.Optional(Type.String({ maxLength: 100 })),
  start_date: Type.Optional(Type.String({ maxLength: 40, description: 'W3C date-time; default end_date less 90 days.' })),
  end_date: Type.Optional(Type.String({ maxLength: 40, description: 'W3C date-time; default now.' })),
  status: Type.Optional(Type.String({ maxLength: 20, description: 'open, closed or open,closed.' })),
}, { additionalProperties: true });

export const Open311ServiceRequest = Type.Object({
  service_request_id: Type.String(),
  status: Type.String({ enum: ['open', 'closed'] }),
  status_notes: Type.String(),
  service_name: Type.String(),
  service_code: Type.String(),
  description: Nullable(Type.String({ description: 'As stored: stripped of personal data.' })),
  requested_datetime: Type.String(),
  updated_datetime: Type.String(),
  address: Nullable(Type.String()),
  lat: Type.Number({ description: 'Coarsened to three decimals.' }),
  long: Type.Number({ description: 'Coarsened to three decimals.' }),
});

/** POST requests: form-encoded (application/x-www-form-urlencoded) as the specification says, or JSON. */
export const Open311TipBody = Type.Object({
  api_key: Type.Optional(Type.String({ maxLength: 200 })),
  jurisdiction_id: Jurisdiction,
  service_code: Type.Optional(Type.String({ maxLength: 100 })),
  lat: Type.Optional(Type.Number()),
  long: Type.Optional(Type.Number()),
  address_string: Type.Optional(Type.String({ maxLength: 1000 })),
  address_id: Type.Optional(Type.String({ maxLength: 200 })),
  description: Type.Optional(Type.String({ maxLength: 4000 })),
  media_url: Type.Optional(Type.String({ maxLength: 2000 })),
  email: Type.Optional(Type.String({ maxLength: 254 })),
  first_name: Type.Optional(Type.String({ maxLength: 100 })),
  last_name: Type.Optional(Type.String({ maxLength: 100 })),
  phone: Type.Optional(Type.String({ maxLength: 50 })),
  device_id: Type.Optional(Type.String({ maxLength: 200 })),
  account_id: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: true });
export type Open311TipBody = Static<typeof Open311TipBody>;

export const Open311TipCreated = Type.Array(Type.Object({
  service_request_id: Type.String(),
  service_notice: Type.String(),
  account_id: Type.Null(),
}));

// --- the administrator's keys (/api/open311/keys) ---

export const Open311Key = Type.Object({
  id: Uuid,
  municipalityId: Type.String(),
  name: Type.String({ description: 'The client system, e.g. FixMyStreet.' }),
  organisationId: Uuid,
  organisationName: Type.String({ description: 'The organisation its tips are filed under.' }),
  createdAt: DateTime,
  createdByName: Nullable(Type.String({ description: 'Null when made from the command line.' })),
  lastUsedAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
  revokedByName: Nullable(Type.String()),
  tips: Type.Integer({ description: 'Tips received with the key.' }),
});
export type Open311Key = Static<typeof Open311Key>;

export const Open311KeyCreate = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  municipalityId: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
  organisationId: Type.Optional(Uuid),
}, { additionalProperties: false });
export type Open311KeyCreate = Static<typeof Open311KeyCreate>;

export const Open311KeyCreated = Type.Object({
  key: Open311Key,
  apiKey: Type.String({ description: 'The api_key, shown this once: only its hash is kept.' }),
});
export type Open311KeyCreated = Static<typeof Open311KeyCreated>;

export const Open311KeyId = Type.Object({ id: Uuid }, { additionalProperties: false });

export const Open311Contact = Type.Object({
  email: Nullable(Type.String()),
  firstName: Nullable(Type.String()),
  lastName: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  deviceId: Nullable(Type.String()),
  accountId: Nullable(Type.String()),
  receivedAt: DateTime,
  keptUntil: DateTime,
}, { description: 'The contact details a tip\'s sender gave (personal data; each read is audited). Deleted 30 days after review, 180 days after receipt at the latest.' });
export type Open311Contact = Static<typeof Open311Contact>;

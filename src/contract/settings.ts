/** The municipality's settings: the map's tile source and the schedule of the automatic lägesbild draft. */
import { Type, type Static } from '@sinclair/typebox';
import { CADENCES } from '../core/schedule/index.ts';
import { MAX_NOTIFY } from '../core/schedule/setting.ts';
import { Nullable, StringEnum } from './common.ts';

export const MapSettings = Type.Object({
  tileUrl: Nullable(Type.String({ maxLength: 500 }), { description: 'XYZ raster tile URL template with {z}/{x}/{y}, e.g. OpenStreetMap or Lantmäteriet\'s open topographic map; null = offline base map only.' }),
  attribution: Nullable(Type.String({ maxLength: 300 })),
  maxZoom: Type.Integer({ minimum: 1, maximum: 22 }),
}, { additionalProperties: false });
export type MapSettings = Static<typeof MapSettings>;

export const ScheduleSetting = Type.Object({
  cadence: StringEnum(CADENCES, { description: 'off, weekly or fortnightly (every other week counted from Monday 2024-01-01)' }),
  weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday of the run day (1 = Monday); the draft covers the 7 or 14 days before it and is made from 06:00 local time' }),
  notify: Type.Array(Type.String({ maxLength: 254 }), { maxItems: MAX_NOTIFY, description: 'E-mail addresses notified besides the active coordinators' }),
}, { additionalProperties: false });
export type ScheduleSetting = Static<typeof ScheduleSetting>;

export const ScheduleInput = Type.Object({
  cadence: ScheduleSetting.properties.cadence,
  weekday: Type.Optional(ScheduleSetting.properties.weekday),
  notify: Type.Optional(ScheduleSetting.properties.notify),
}, { additionalProperties: false });
export type ScheduleInput = Static<typeof ScheduleInput>;

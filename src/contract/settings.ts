/** The municipality's settings: the map's tile source and the schedule of the automatic lägesbild draft. */
import { Type, type Static } from '@sinclair/typebox';
import { MAP_SOURCES } from '../core/municipalities/types.ts';
import { CADENCES } from '../core/schedule/index.ts';
import { MAX_NOTIFY } from '../core/schedule/setting.ts';
import { Nullable, StringEnum } from './common.ts';

const MapSource = StringEnum(MAP_SOURCES, { description: 'osm: OpenStreetMap through this server\'s tile proxy (the default); custom: the tile URL below, fetched by the browser (e.g. Lantmäteriet\'s open topographic map); none: the offline base map only. Every map falls back to the offline base by itself when tiles cannot be had.' });

export const MapSettings = Type.Object({
  source: MapSource,
  tileUrl: Nullable(Type.String({ maxLength: 500 }), { description: 'XYZ raster tile URL template with {z}/{x}/{y}. For osm the proxy\'s path (/api/tiles/osm/{z}/{x}/{y}.png), null when the server\'s proxy is turned off; null for none.' }),
  attribution: Nullable(Type.String({ maxLength: 300 }), { description: 'Shown on the map; null for osm (the app names OpenStreetMap\'s contributors in the user\'s language).' }),
  maxZoom: Type.Integer({ minimum: 1, maximum: 22 }),
}, { additionalProperties: false });
export type MapSettings = Static<typeof MapSettings>;

/** What an administrator sends; without `source`, a tile URL means custom and none means the offline base map (the API before sources). */
export const MapSettingsInput = Type.Object({
  source: Type.Optional(MapSource),
  tileUrl: Type.Optional(MapSettings.properties.tileUrl),
  attribution: Type.Optional(MapSettings.properties.attribution),
  maxZoom: MapSettings.properties.maxZoom,
}, { additionalProperties: false });
export type MapSettingsInput = Static<typeof MapSettingsInput>;

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

/**
 * The computed content (kartläggning) of a lägesbild edition as the API sends it: the schema of
 * core/situation-picture/content.ts's SituationPictureContent, member by member. It is stored as
 * JSON with the edition, so it holds no Dates: instants and days are ISO 8601 strings.
 */
import { Type, type Static } from '@sinclair/typebox';
import { EMERGING_PATTERNS } from '../core/analysis/emerging-hotspots/index.ts';
import { MEASURE_STATUSES, MEASURE_TERMS } from '../core/measures/rules.ts';
import { CONTENT_SCHEMA } from '../core/situation-picture/content.ts';
import { Nullable, StringEnum } from './common.ts';

/** A half-open period of instants (ISO 8601), or of calendar days in a summary (`to` inclusive there). */
export const EditionPeriod = Type.Object({ from: Type.String(), to: Type.String(), days: Type.Integer() });
export type EditionPeriod = Static<typeof EditionPeriod>;

const Change = Type.Object({
  count: Type.Integer({ description: 'The count in the comparison window.' }),
  change: Type.Integer(),
  percentChange: Nullable(Type.Number(), { description: 'null when the comparison count is zero.' }),
  p: Type.Number({ description: 'Exact Poisson test of "the rate did not change".' }),
  significant: Type.Boolean(),
});
const compared = { count: Type.Integer(), previous: Change, lastYear: Change };
const Compared = Type.Object(compared);

const Emerging = Nullable(StringEnum(EMERGING_PATTERNS), { description: 'The emerging-hotspot class; null when there were too few weeks.' });

const HotspotWhere = Type.Object({
  area: Nullable(Type.String({ description: 'The district the point lies in.' })),
  place: Nullable(Type.Object({
    name: Type.String(), distance: Type.Number({ description: 'Metres from the place to the point.' }),
    direction: StringEnum(['n', 'ne', 'e', 'se', 's', 'sw', 'w', 'nw'] as const, { description: 'From the place to the point.' }),
  })),
}, { description: 'Where a hotspot lies in names, for its displayed name ("Alingsås, 200 m nordost om Resecentrum"); absent in editions made before.' });

const HotspotCell = Type.Object({
  cellId: Type.String({ description: '<cellSize>:<col>:<row> on the SWEREF 99 TM lattice with origin 0,0.' }),
  col: Type.Integer(), row: Type.Integer(),
  x: Type.Number({ description: 'Cell centre, SWEREF 99 TM.' }), y: Type.Number(), lon: Type.Number(), lat: Type.Number(),
  count: Type.Integer(), z: Type.Number(), p: Type.Number(),
  bin: Type.Integer({ description: 'Confidence bin with FDR control: 3, 2, 1 hot; −1, −2, −3 cold.' }),
  emerging: Emerging,
  placeName: Nullable(Type.String()),
  where: Type.Optional(HotspotWhere),
});

const HotspotZone = Type.Object({
  id: Type.String({ description: 'The peak cell\'s id.' }),
  cellIds: Type.Array(Type.String()),
  count: Type.Integer(),
  peakCellId: Type.String(),
  maxZ: Type.Number(),
  bin: Type.Integer(),
  emerging: Emerging,
  placeName: Nullable(Type.String()),
  placeNames: Type.Array(Type.String()),
  x: Type.Number(), y: Type.Number(), lon: Type.Number(), lat: Type.Number(),
  where: Type.Optional(HotspotWhere),
}, { description: 'Adjacent significant hot cells taken together.' });

const NearRepeat = Type.Object({
  distanceBands: Type.Array(Type.Number(), { description: 'Metres.' }),
  timeBands: Type.Array(Type.Number(), { description: 'Days.' }),
  ratios: Type.Array(Type.Array(Type.Number()), { description: 'Observed/expected per [distance band][time band].' }),
  pValues: Type.Array(Type.Array(Type.Number())),
  iterations: Type.Integer(),
  elevated: Nullable(Type.Object({ distance: Type.Number(), days: Type.Number(), ratio: Type.Number(), p: Type.Number() })),
  incidents: Type.Integer(),
});

/** A police event counts for the municipality as a whole: it has no position (Polisen gives only the municipality's or county's centre). */
const PoliceEvent = Type.Object({
  id: Type.Number(), publishedAt: Type.String(), type: Type.String(), name: Type.String(),
  summary: Nullable(Type.String()), url: Nullable(Type.String()),
  locationName: Type.Optional(Nullable(Type.String({ description: 'The municipality or county Polisen files it under (absent in older editions).' }))),
});

const ContentMeasure = Type.Object({
  id: Type.String(), title: Type.String(), type: Type.String(), term: StringEnum(MEASURE_TERMS), status: StringEnum(MEASURE_STATUSES),
  organisationName: Type.String(), placeName: Nullable(Type.String()), areaName: Nullable(Type.String()), plannedEnd: Nullable(Type.String()),
  overdue: Type.Boolean(),
});

export const SituationPictureContent = Type.Object({
  schema: Type.Literal(CONTENT_SCHEMA),
  computedAt: Type.String({ format: 'date-time' }),
  municipality: Type.Object({ id: Type.String(), name: Type.String() }),
  area: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  filters: Type.Object({ categoryIds: Type.Array(Type.String()), organisationIds: Type.Array(Type.String()) }),
  period: EditionPeriod,
  previousPeriod: EditionPeriod,
  lastYearPeriod: EditionPeriod,
  extent: Type.Tuple([Type.Number(), Type.Number(), Type.Number(), Type.Number()], { description: 'What the maps show, SWEREF 99 TM [minX, minY, maxX, maxY].' }),
  totals: Compared,
  byCategory: Type.Array(Type.Object({
    ...compared, id: Type.String(), code: Type.String(), nameSv: Type.String(), nameEn: Type.String(), colour: Type.String(), parentId: Nullable(Type.String()),
  })),
  byArea: Type.Array(Type.Object({ ...compared, id: Type.String(), name: Type.String(), kind: Type.String() })),
  byOrganisation: Type.Array(Type.Object({ ...compared, id: Type.String(), name: Type.String() })),
  weekly: Type.Array(Type.Object({ weekStart: Type.String(), count: Type.Integer() }), { description: 'Monday weeks (Europe/Stockholm), 26 up to the period\'s end.' }),
  hourWeekday: Type.Array(Type.Array(Type.Integer()), { description: 'hourWeekday[weekday][hour], weekday 0 = Monday.' }),
  topPlaces: Type.Array(Type.Object({
    placeId: Nullable(Type.String()), name: Type.String(), count: Type.Integer(), previous: Type.Integer(), lon: Type.Number(), lat: Type.Number(),
  })),
  hotspots: Type.Object({
    cellSize: Type.Number(),
    distance: Type.Number(),
    cells: Type.Array(HotspotCell),
    zones: Type.Optional(Type.Array(HotspotZone, { description: 'Absent in editions made before zones existed.' })),
    note: Nullable(Type.String({ description: 'Why there are no hotspots: too-few-incidents, none-significant.' })),
  }),
  nearRepeat: Nullable(NearRepeat),
  concentration: Type.Object({
    gini: Nullable(Type.Number()), topFivePercentShare: Nullable(Type.Number()), cellSize: Type.Number(), cells: Type.Integer(),
  }),
  /** Where the period's incidents came from: 'app' (reported), 'import' per file, or another source. Absent in editions made before it was kept. */
  sources: Type.Optional(Type.Array(Type.Object({ source: Type.String(), fileName: Nullable(Type.String()), count: Type.Integer() }))),
  policeEvents: Type.Object({
    total: Type.Integer(),
    previous: Type.Integer(),
    byType: Type.Array(Type.Object({ type: Type.String(), count: Type.Integer() })),
    items: Type.Array(PoliceEvent),
    newestHeld: Nullable(Type.String()),
  }),
  measures: Type.Object({ open: Type.Array(ContentMeasure), dueOrOverdue: Type.Array(ContentMeasure), doneInPeriod: Type.Array(ContentMeasure) }),
  points: Type.Array(Type.Object({ lon: Type.Number(), lat: Type.Number(), x: Type.Number(), y: Type.Number(), categoryId: Type.String() })),
  pointsTruncated: Type.Boolean(),
});
export type SituationPictureContent = Static<typeof SituationPictureContent>;

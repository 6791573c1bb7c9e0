/**
 * What the XLSX and GeoPackage exports carry beside the incidents: the selection in words (names of
 * the categories, organisations and area filtered by, who exported), and for a GeoPackage the
 * places, areas and measures of the municipalities it covers and an edition's hotspot layers — each
 * read under the same access rules as its own page of the app.
 */
import type { Actor } from '../core/access/roles.ts';
import { can } from '../core/access/policy.ts';
import type { IncidentFilter } from '../core/incidents/types.ts';
import type { MunicipalityRow } from '../core/municipalities/types.ts';
import type { CellEnvelope } from '../core/geo/types.ts';
import type { Queryable } from '../db/engine.ts';
import { getArea, listAreasIn3006 } from '../db/repositories/areas.ts';
import { listCategories } from '../db/repositories/categories.ts';
import { cellUnions } from '../db/repositories/cells.ts';
import { listMeasuresIn3006 } from '../db/repositories/measures.ts';
import { listOrganisations } from '../db/repositories/organisations.ts';
import { listPlacesIn3006 } from '../db/repositories/places.ts';
import { getUser } from '../db/repositories/users.ts';
import type { EditionLayers, GeoPackageContent } from '../io/export/gpkg.ts';
import type { SelectionFacts } from '../io/export/selection.ts';
import { getSituationPicture } from './situation-pictures.ts';

/** Who runs an export from the command line: recorded in the audit log and named in the file. */
export interface CommandLineExport { via: 'cli'; operator?: string }

/** The exporter as the file names them: the user, or the command line and who ran it. */
async function exporterName(q: Queryable, actor: Actor, cli?: CommandLineExport): Promise<string> {
  if (cli) return `kommandoraden (lagesbild export${cli.operator ? `, användaren ${cli.operator}` : ''})`;
  return (await getUser(q, actor.userId, actor.municipalities))?.name ?? actor.userId;
}

/**
 * The selection in words, but for the number of incidents (known when they are written). Names are
 * looked up in the actor's municipalities, as the filter's ids were checked there.
 */
export async function describeSelection(q: Queryable, actor: Actor, filter: IncidentFilter, covered: MunicipalityRow[], cli?: CommandLineExport): Promise<(count: number) => SelectionFacts> {
  const [categories, organisations, area, exportedBy] = await Promise.all([
    filter.categories?.length ? listCategories(q, actor.municipalities) : [],
    filter.organisations?.length ? listOrganisations(q, actor.municipalities) : [],
    filter.areaId ? getArea(q, filter.areaId, actor.municipalities) : null,
    exporterName(q, actor, cli),
  ]);
  const named = <T extends { id: string }>(ids: string[] | undefined, rows: T[], name: (x: T) => string) =>
    ids?.length ? ids.map((id) => rows.find((r) => r.id === id)).map((r, k) => (r ? name(r) : `okänd (${ids[k]})`)) : undefined;
  const exportedAt = new Date();
  const facts: Omit<SelectionFacts, 'count'> = {
    from: filter.from, to: filter.to,
    municipalities: covered.map((m) => ({ id: m.id, name: m.name })),
    categories: named(filter.categories, categories, (c) => c.nameSv),
    organisations: named(filter.organisations, organisations, (o) => o.name),
    area: filter.areaId ? (area?.name ?? `okänt område (${filter.areaId})`) : undefined,
    bbox: filter.bbox, reviewStatus: filter.reviewStatus, visibility: filter.visibility, text: filter.text,
    mine: filter.reporterId !== undefined, importId: filter.importId, exportedBy, exportedAt,
  };
  return (count) => ({ ...facts, count });
}

const CELL_ID = /^(\d+):(-?\d+):(-?\d+)$/;
function cellEnvelope(cellId: string): CellEnvelope | null {
  const m = CELL_ID.exec(cellId);
  if (!m) return null;
  const [s, col, row] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return [col * s, row * s, (col + 1) * s, (row + 1) * s];
}

/**
 * An edition's hotspot cells and zones as the edition stores them (frozen when published); the
 * edition is read as its page reads it (a draft only for those who read drafts, else not found).
 */
export async function editionLayers(q: Queryable, actor: Actor, editionId: string): Promise<{ layers: EditionLayers; facts: NonNullable<SelectionFacts['edition']> }> {
  const sp = await getSituationPicture(q, actor, editionId);
  const h = sp.content.hotspots;
  const zones = h.zones ?? [];
  const outlines = await cellUnions(q, zones.map((z) => z.cellIds.map(cellEnvelope).filter((e): e is CellEnvelope => e !== null)));
  return {
    layers: { label: `${sp.title}, version ${sp.version}`, cellSize: h.cellSize, cells: h.cells, zones: zones.map((z, k) => ({ ...z, outline: outlines[k] })) },
    facts: { title: sp.title, version: sp.version, status: sp.status, from: sp.period.from, to: sp.period.to },
  };
}

/**
 * The layers beside the incidents, of the municipalities the export covers: places and areas (which
 * every role sees on the map) and measures for those who may read measures (the layer is left out
 * for the others).
 */
export async function contextLayers(q: Queryable, actor: Actor, municipalities: string[]): Promise<Pick<GeoPackageContent, 'places' | 'areas' | 'measures'>> {
  const [places, areas, measures] = await Promise.all([
    listPlacesIn3006(q, municipalities),
    listAreasIn3006(q, municipalities),
    can(actor, 'measures.read') ? listMeasuresIn3006(q, municipalities) : null,
  ]);
  return { places, areas, measures };
}

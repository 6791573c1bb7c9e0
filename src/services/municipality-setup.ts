/**
 * Setting up a deployment: a municipality from SCB's shipped boundary (or its own precise one) with
 * the default category tree, and its organisations. The callers are trusted — the command line on
 * the server (`lagesbild municipality add`, `organisation add`) — so there is no actor; every
 * refusal is a SetupRefusal thrown before anything is written, or inside the transaction that is
 * then rolled back, so a refused call changes nothing.
 */
import type { MultiPolygon } from 'geojson';
import { readBoundaryFile, type BoundaryFile } from '../core/municipalities/boundary-file.ts';
import { findMunicipality } from '../core/municipalities/codes.ts';
import { SetupRefusal } from '../core/municipalities/setup-refusal.ts';
import { parseOrganisationKind } from '../core/organisations/kind-names.ts';
import { ORGANISATION_KINDS, type Organisation, type OrganisationKind } from '../core/organisations/types.ts';
import { crsLabel } from '../core/geo/sweref-zones.ts';
import type { Database } from '../db/engine.ts';
import { recordAudit } from '../db/repositories/audit.ts';
import { listCategories } from '../db/repositories/categories.ts';
import { compareBoundary, insertMunicipality, listMunicipalitySummaries, type MunicipalitySummary } from '../db/repositories/municipality-setup.ts';
import { listMunicipalities } from '../db/repositories/municipalities.ts';
import { findOrganisationByName, insertOrganisation, listOrganisations } from '../db/repositories/organisations.ts';
import { shippedBoundary, shippedMunicipalities, type ShippedBoundary } from '../setup/boundaries.ts';
import { ensureDefaultCategories } from '../setup/municipality.ts';

/**
 * How much of a municipality's own boundary must lie in SCB's generalised one, and how much of SCB's
 * it must cover: the same municipality drawn more precisely overlaps far more (over 90 %), a
 * neighbour's boundary or a county's far less.
 */
export const MIN_BOUNDARY_OVERLAP = 0.5;

export interface AddMunicipalityInput {
  /** SCB's code (1442) or the name ("Vårgårda"). */
  code: string;
  /** A precise boundary instead of SCB's: the text of a GeoJSON file, and the CRS it is stated to be in. */
  boundary?: { text: string; file?: string; crs?: string };
}

export interface AddedMunicipality {
  id: string;
  name: string;
  /** Where the boundary came from. */
  source: 'scb' | 'file';
  /** For a file: the CRS it was read in, and whence that was known. */
  crs: number;
  crsFrom: BoundaryFile['crsFrom'] | null;
  vertices: number;
  areaKm2: number;
  categories: number;
}

const pct = (share: number) => (share > 0 && share < 0.001 ? 'under 0.1 %' : `${(share * 100).toFixed(share < 0.1 ? 1 : 0)} %`);

/** The extent's centre of a MultiPolygon (SWEREF 99 TM). */
function extentCentre(g: MultiPolygon): [number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of g.coordinates.flat(2)) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  return [(x0 + x1) / 2, (y0 + y1) / 2];
}

/** SCB's municipality for a code or name, or a refusal that names the nearest ones. */
function lookUp(code: string): ShippedBoundary {
  const r = findMunicipality(shippedMunicipalities(), code);
  if (r.found) return shippedBoundary(r.found.code)!;
  const near = r.suggestions.map((m) => `${m.code} ${m.name}`).join(', ');
  throw new SetupRefusal('unknown_municipality',
    `no municipality "${code}" among SCB's 290 (a municipality is named by its four-digit code, e.g. 1442 for Vårgårda)${near ? `; did you mean ${near}?` : ''} ` +
    '`lagesbild municipality list --available` lists them all', { code });
}

/**
 * The checks of addMunicipality that need no database: the code, and the boundary file read into
 * SWEREF 99 TM. The command line runs them before it opens (and migrates) the database.
 */
export function readMunicipalityInput(input: AddMunicipalityInput): { scb: ShippedBoundary; file: BoundaryFile | null } {
  const scb = lookUp(input.code);
  const file = input.boundary ? readBoundaryFile(input.boundary.text, { statedCrs: input.boundary.crs, centre3006: extentCentre(scb.geometry3006) }) : null;
  return { scb, file };
}

/**
 * Creates a municipality from SCB's boundary, or from the precise boundary given, with the default
 * category tree. Refused: a code SCB does not have, one already set up, a boundary file that is no
 * polygon, lies in another CRS than stated, is invalid, or does not lie on the municipality.
 */
export async function addMunicipality(db: Database, input: AddMunicipalityInput): Promise<AddedMunicipality> {
  const { scb, file } = readMunicipalityInput(input);
  return db.transaction(async (tx) => {
    const [existing] = await listMunicipalities(tx, [scb.id]);
    if (existing) throw taken(scb.id, scb.name);
    let geometry3006: unknown = scb.geometry3006;
    if (file) {
      const c = await compareBoundary(tx, file.geometry3006.coordinates, scb.geometry3006);
      const from = `the boundary in ${input.boundary?.file ?? 'the file'} (read as ${crsLabel(file.crs)})`;
      if (c.invalid) {
        throw new SetupRefusal('invalid_geometry',
          `${from} is not a valid polygon${file.polygons > 1 ? ` (polygon ${c.invalid.polygon} of ${file.polygons})` : ''}: ${c.invalid.reason}; repair it in the GIS (e.g. QGIS "Fix geometries") and try again`,
          { polygon: c.invalid.polygon, reason: c.invalid.reason });
      }
      if (c.insideShare === 0) {
        throw new SetupRefusal('no_overlap', `${from} does not overlap ${scb.name} (${scb.id}) at all: is it another municipality's, or in another coordinate system than stated?`, { inside: 0, cover: 0 });
      }
      if (c.insideShare < MIN_BOUNDARY_OVERLAP || c.coverShare < MIN_BOUNDARY_OVERLAP) {
        throw new SetupRefusal('no_overlap',
          `${from} is not ${scb.name} (${scb.id}): only ${pct(c.insideShare)} of it lies within SCB's boundary of ${scb.name}, and it covers ${pct(c.coverShare)} of that (both must be at least ${pct(MIN_BOUNDARY_OVERLAP)})`,
          { inside: c.insideShare, cover: c.coverShare });
      }
      geometry3006 = c.merged;
    }
    if (!(await insertMunicipality(tx, { id: scb.id, name: scb.name, geometry3006 }))) throw taken(scb.id, scb.name);
    await ensureDefaultCategories(tx, scb.id);
    const categories = (await listCategories(tx, [scb.id])).length;
    await recordAudit(tx, {
      municipalityId: scb.id, userId: null, action: 'municipality.create', subjectType: 'municipality', subjectId: scb.id,
      details: file ? { boundary: 'file', file: input.boundary?.file ?? null, crs: file.crs, crsFrom: file.crsFrom, vertices: file.vertices } : { boundary: 'scb' },
    });
    const [summary] = (await listMunicipalitySummaries(tx)).filter((m) => m.id === scb.id);
    return {
      id: scb.id, name: scb.name, source: file ? 'file' : 'scb', crs: file?.crs ?? 3006, crsFrom: file?.crsFrom ?? null,
      vertices: summary.vertices, areaKm2: summary.areaKm2, categories,
    };
  });
}

const taken = (id: string, name: string) => new SetupRefusal('municipality_exists',
  `${name} (${id}) is already set up in this deployment; \`lagesbild municipality list\` shows what it holds`, { code: id });

/** The municipalities of the deployment with what each holds. */
export async function listDeploymentMunicipalities(db: Database): Promise<MunicipalitySummary[]> {
  return listMunicipalitySummaries(db);
}

export interface AddOrganisationInput {
  /** Codes of the municipalities it works in; the first is its home. */
  municipalities: string[];
  name: string;
  shortName?: string | null;
  /** A kind (`kommunalt_bolag`) or its Swedish word ("kommunalt bolag"). */
  kind: string;
}

/**
 * The checks of addOrganisation that need no database: the kind, the names and that a municipality
 * is named. The command line runs them before it opens the database.
 */
export function readOrganisationInput(input: AddOrganisationInput): { kind: OrganisationKind; name: string; shortName: string | null; codes: string[] } {
  const kind = parseOrganisationKind(input.kind);
  if (!kind) {
    throw new SetupRefusal('unknown_kind', `unknown organisation kind "${input.kind}"; choose one of ${ORGANISATION_KINDS.join(', ')} (or the Swedish word, e.g. "kommunalt bolag")`, { kind: input.kind });
  }
  const name = input.name.trim();
  const shortName = input.shortName?.trim() || null;
  if (!name || name.length > 200) throw new SetupRefusal('bad_name', `the name must be 1–200 characters, got ${name.length}`);
  if (shortName && shortName.length > 50) throw new SetupRefusal('bad_name', `the short name must be at most 50 characters, got ${shortName.length}`);
  const codes = [...new Set(input.municipalities.map((c) => c.trim()).filter(Boolean))];
  if (codes.length === 0) throw new SetupRefusal('municipality_not_in_deployment', 'name at least one municipality code with --municipality');
  return { kind, name, shortName, codes };
}

/**
 * Creates an organisation at home in the first municipality given and working in all of them: its
 * users report and read in each (the police area). Every one must be in the deployment.
 */
export async function addOrganisation(db: Database, input: AddOrganisationInput): Promise<{ organisation: Organisation }> {
  const { kind, name, shortName, codes } = readOrganisationInput(input);
  return db.transaction(async (tx) => {
    const present = await listMunicipalities(tx);
    // A name ("Vårgårda") stands for its code.
    const resolved = codes.map((c) => ({ given: c, scb: findMunicipality(shippedMunicipalities(), c).found }));
    const missing = resolved.filter((r) => !present.some((m) => m.id === r.scb?.code));
    if (missing.length) {
      const known = present.map((m) => `${m.id} ${m.name}`).join(', ');
      const hints = missing.map((r) => (r.scb
        ? `${r.scb.code} (${r.scb.name}): add it first with \`lagesbild municipality add ${r.scb.code}\``
        : `${r.given}: no such municipality code`));
      throw new SetupRefusal('municipality_not_in_deployment',
        `this deployment does not have ${hints.join('; ')}. It has ${known || 'no municipality yet'}`, { codes: missing.map((r) => r.given).join(',') });
    }
    const [home, ...others] = [...new Set(resolved.map((r) => r.scb!.code))];
    const clash = await findOrganisationByName(tx, home, name) ?? (shortName ? await findOrganisationByName(tx, home, shortName) : null);
    if (clash) {
      throw new SetupRefusal('organisation_exists', `${home} already has an organisation called "${clash.name}"${clash.shortName ? ` (${clash.shortName})` : ''}; \`lagesbild organisation list\` shows them`, { name });
    }
    const organisation = await insertOrganisation(tx, { municipalityId: home, municipalities: others, name, shortName, kind });
    await recordAudit(tx, { municipalityId: home, userId: null, action: 'organisation.create', subjectType: 'organisation', subjectId: organisation.id, details: { kind, municipalities: [home, ...others] } });
    return { organisation };
  });
}

/** Every organisation of the deployment, by home municipality and name. */
export async function listDeploymentOrganisations(db: Database): Promise<Organisation[]> {
  const ids = (await listMunicipalities(db)).map((m) => m.id);
  const all = await listOrganisations(db, ids);
  return all.sort((a, b) => a.municipalityId.localeCompare(b.municipalityId) || a.name.localeCompare(b.name, 'sv'));
}

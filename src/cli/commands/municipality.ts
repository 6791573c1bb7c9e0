import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { endQuietlyOnClosedPipe } from '../pipe.ts';

// What the commands run is loaded when they run, not by every call (`lagesbild --help` stays quick).
const setup = () => import('../../services/municipality-setup.ts');
const database = async () => ({ ...(await import('../config.ts')), ...(await import('../open-migrated.ts')) });

const out = (line: string) => process.stdout.write(`${line}\n`);
const log = (line: string) => process.stderr.write(`${line}\n`);

function readBoundary(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the boundary file ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

/** `lagesbild municipality add 1442 [--boundary FILE [--crs EPSG]]` and `municipality list [--available]`. */
export function register(program: Command): void {
  const municipality = program.command('municipality').description('Set up the municipalities of this deployment');
  municipality
    .command('add')
    .argument('<code>', "SCB's four-digit municipality code (e.g. 1442 for Vårgårda), or the name")
    .description("Create a municipality from SCB's boundary (shipped with the product) with the default categories")
    .option('--boundary <file>', "the municipality's own, precise boundary instead: GeoJSON Polygon/MultiPolygon (or a Feature/FeatureCollection of them)")
    .option('--crs <epsg>', "the boundary file's coordinate system when the file does not say: 4326 (WGS 84), 3006 (SWEREF 99 TM) or 3007–3018 (local SWEREF 99 zones)")
    .addHelpText('after', `
SCB's boundaries are generalised (Alingsås: 37 vertices); a report up to BOUNDARY_TOLERANCE_M
(default 200 m) outside is accepted and flagged. A precise boundary must overlap SCB's for the
same municipality. Without --crs the coordinate system is read from the file's "crs" member or,
failing that, from the coordinates.

Examples:
  lagesbild municipality add 1442
  lagesbild municipality add 1489 --boundary alingsas.geojson --crs 3007`)
    .action(async (code: string, o: { boundary?: string; crs?: string }) => {
      if (o.crs !== undefined && !o.boundary) throw new Error('--crs says what a --boundary file is in; give the file too');
      const { addMunicipality, readMunicipalityInput } = await setup();
      const { crsLabel } = await import('../../core/geo/sweref-zones.ts');
      const { databaseConfig, openMigrated } = await database();
      const input = { code, boundary: o.boundary ? { text: readBoundary(o.boundary), file: o.boundary, crs: o.crs } : undefined };
      // Everything that needs no database is checked before the database is opened.
      readMunicipalityInput(input);
      const db = await openMigrated(databaseConfig(), () => {});
      try {
        const m = await addMunicipality(db, input);
        out(JSON.stringify(m));
        const boundary = m.source === 'scb'
          ? `SCB:s gräns (${m.vertices} hörn)`
          : `gränsen i ${o.boundary} (${m.vertices} hörn, ${crsLabel(m.crs)}${m.crsFrom === 'coordinates' ? ', utläst ur koordinaterna' : ''})`;
        log(`skapade ${m.name} kommun (${m.id}) med ${boundary}, ${m.areaKm2.toFixed(0)} km², och ${m.categories} standardkategorier`);
        log(`nästa steg: lagesbild organisation add --municipality ${m.id} --name NAMN --kind forvaltning`);
      } finally {
        await db.close();
      }
    });

  municipality
    .command('list')
    .description('The municipalities of this deployment, or with --available every municipality that can be added')
    .option('--available', "SCB's 290 municipalities (code and name); those already set up are marked with *")
    .option('--json', 'one JSON object per line')
    .action(async (o: { available?: boolean; json?: boolean }) => {
      endQuietlyOnClosedPipe();
      const { listDeploymentMunicipalities } = await setup();
      const { shippedMunicipalities } = await import('../../setup/boundaries.ts');
      const { databaseConfig, openMigrated } = await database();
      const db = await openMigrated(databaseConfig(), () => {});
      try {
        const present = await listDeploymentMunicipalities(db);
        if (o.available) {
          const here = new Set(present.map((m) => m.id));
          for (const m of shippedMunicipalities()) out(o.json ? JSON.stringify({ ...m, setUp: here.has(m.code) }) : `${here.has(m.code) ? '*' : ' '} ${m.code}  ${m.name}`);
          return;
        }
        if (o.json) { for (const m of present) out(JSON.stringify(m)); return; }
        if (!present.length) { log('inga kommuner ännu: lagesbild municipality add KOD (lagesbild municipality list --available visar koderna)'); return; }
        out(['kod ', 'kommun'.padEnd(20), 'km²'.padStart(6), 'hörn'.padStart(7), 'org.'.padStart(5), 'anv.'.padStart(5), 'rapporter'.padStart(10)].join('  '));
        for (const m of present) {
          out([m.id, m.name.padEnd(20), m.areaKm2.toFixed(0).padStart(6), String(m.vertices).padStart(7), String(m.organisations).padStart(5), String(m.users).padStart(5), String(m.incidents).padStart(10)].join('  '));
        }
      } finally {
        await db.close();
      }
    });
}

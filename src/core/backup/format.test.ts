import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  BACKUP_FORMAT_VERSION, BackupReader, checkTrailer, headerLine, parseHeader, rowLine, tableLine, trailerLine,
  type BackupHeader, type BackupLine,
} from './format.ts';
import { BackupRefusal, type BackupRefusalCode } from './refusal.ts';

const header = (): BackupHeader => ({
  format: 'lagesbild-backup',
  formatVersion: BACKUP_FORMAT_VERSION,
  app: { name: 'lagesbild', version: '0.1.0' },
  createdAt: '2026-12-03T10:00:00.000Z',
  source: { engine: 'pglite', server: '18.3' },
  migrations: [{ version: 1, name: 'init', appliedAt: '2026-01-01 00:00:00+00' }],
  tables: [
    { name: 'municipalities', columns: [{ name: 'id', type: 'text', encoding: 'text' }, { name: 'geom', type: 'geometry(MultiPolygon,3006)', encoding: 'text' }], primaryKey: ['id'], rows: 2 },
    { name: 'incident_photos', columns: [{ name: 'id', type: 'uuid', encoding: 'text' }, { name: 'bytes', type: 'bytea', encoding: 'base64' }], primaryKey: ['id'], rows: 1 },
    { name: 'job_runs', columns: [{ name: 'job', type: 'text', encoding: 'text' }], primaryKey: ['job'], rows: 0 },
  ],
  sequences: [{ name: 'audit_log_id_seq', lastValue: '41', isCalled: true }],
});

/** The lines of a valid file, the trailer computed as a writer would. */
function file(h = header(), rows: Record<string, Array<Array<string | null>>> = { municipalities: [['1442', '0106…'], ['1489', null]], incident_photos: [['u1', 'AAEC']], job_runs: [] }): string[] {
  const lines = [headerLine(h)];
  for (const t of h.tables) {
    lines.push(tableLine(t.name));
    for (const r of rows[t.name] ?? []) lines.push(rowLine(r));
  }
  const sha = createHash('sha256');
  for (const l of lines) sha.update(`${l}\n`);
  return [...lines, trailerLine({ lines: lines.length, sha256: sha.digest('hex') })];
}

/** Reads the lines as the restore does: the reader, the hash of every line before the trailer, the trailer check. */
function read(lines: string[]): { events: BackupLine[]; header: BackupHeader } {
  const reader = new BackupReader('kopia.lbk');
  const sha = createHash('sha256');
  const events: BackupLine[] = [];
  for (const l of lines) {
    const e = reader.line(l);
    events.push(e);
    if (e.kind === 'end') checkTrailer('kopia.lbk', e.trailer, reader.linesBefore, sha.copy().digest('hex'));
    else sha.update(`${l}\n`);
  }
  return { events, header: reader.finish() };
}

function refused(fn: () => unknown, code: BackupRefusalCode, message: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof BackupRefusal, String(e));
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
    return true;
  });
}

test('a valid file reads as its header, each table with its rows, and the end', () => {
  const { events, header: h } = read(file());
  assert.deepEqual(h, header());
  assert.deepEqual(events.map((e) => e.kind === 'table' ? `table ${e.table.name}` : e.kind === 'row' ? `row ${e.table.name} ${e.values.join('|')}` : e.kind),
    ['header', 'table municipalities', 'row municipalities 1442|0106…', 'row municipalities 1489|', 'table incident_photos', 'row incident_photos u1|AAEC', 'table job_runs', 'end']);
});

test('every message says what is wrong in Swedish first, then in English', () => {
  try {
    read(file().slice(0, -1));
    assert.fail('a file without its end line was read');
  } catch (e) {
    const [sv, en] = (e as Error).message.split('\n');
    assert.match(sv!, /^Säkerhetskopian kopia\.lbk är avkortad: .*Ingenting har ändrats/);
    assert.match(en!, /^The backup kopia\.lbk is truncated: .*Nothing was changed/);
  }
});

test('a file that is not a backup is named as such', () => {
  refused(() => read(['hello world']), 'not_backup', /kopia\.lbk är inte en säkerhetskopia från Lägesbild \(första raden är inte JSON\)/);
  refused(() => read(['{"type":"FeatureCollection","features":[]}']), 'not_backup', /inte ett huvud med "format":"lagesbild-backup"/);
  refused(() => read(['[1,2,3]']), 'not_backup', /is not a Lägesbild backup/);
  refused(() => new BackupReader('kopia.lbk').finish(), 'not_backup', /filen är tom/);
});

test('a newer format is refused with the version that wrote it; an invalid header is corrupt', () => {
  refused(() => parseHeader(JSON.stringify({ ...header(), formatVersion: 2, app: { name: 'lagesbild', version: '0.9.0' } }), 'k'), 'format_newer', /formatversion 2 \(skriven av Lägesbild 0\.9\.0\); den här versionen läser till och med 1/);
  const broken: Array<[Record<string, unknown>, RegExp]> = [
    [{ formatVersion: 'ett' }, /saknar formatversion/],
    [{ createdAt: 'i går' }, /createdAt/],
    [{ migrations: [] }, /migrations saknas/],
    [{ migrations: [{ version: '1', name: 'init', appliedAt: 'x' }] }, /migrations/],
    [{ tables: [{ ...header().tables[0], rows: -1 }] }, /tables/],
    [{ tables: [header().tables[0], header().tables[0]] }, /tables/],
    [{ tables: [{ ...header().tables[0], columns: [{ name: 'id', type: 'text', encoding: 'hex' }] }] }, /kolumnerna i municipalities/],
    [{ tables: [{ ...header().tables[0], primaryKey: ['nope'] }] }, /primärnyckeln i municipalities/],
    [{ sequences: [{ name: 's', lastValue: '1e3', isCalled: true }] }, /sequences/],
  ];
  for (const [change, message] of broken) refused(() => parseHeader(JSON.stringify({ ...header(), ...change }), 'k'), 'corrupt', message);
});

test('rows that do not match the header are corrupt, with the line and the table named', () => {
  const lines = file();
  // A row too few in municipalities: the next table starts early.
  refused(() => read([...lines.slice(0, 3), ...lines.slice(4)]), 'corrupt', /municipalities har 1 rader, huvudet säger 2/);
  // A row too many.
  refused(() => read([...lines.slice(0, 4), rowLine(['1490', null]), ...lines.slice(4)]), 'corrupt', /rad 5 är en rad som ingen tabell väntar på/);
  refused(() => read([...lines.slice(0, 2), rowLine(['1442']), ...lines.slice(3)]), 'corrupt', /rad 3 \(i municipalities\) har inte 2 värden/);
  refused(() => read([...lines.slice(0, 2), '["1442", 17]', ...lines.slice(3)]), 'corrupt', /rad 3 \(i municipalities\) har inte 2 värden/);
  refused(() => read([...lines.slice(0, 2), '["1442", "01', ...lines.slice(3)]), 'corrupt', /rad 3 går inte att läsa/);
  // Tables out of the header's order.
  refused(() => read([lines[0]!, tableLine('incident_photos'), ...lines.slice(5)]), 'corrupt', /rad 2 börjar tabellen incident_photos, huvudet väntar municipalities/);
  refused(() => read([lines[0]!, '{"tabell":"x"}']), 'corrupt', /rad 2 är varken en tabell, en rad eller slutraden/);
});

test('a file that stops early is truncated; an end line too early, or lines after it, are corrupt', () => {
  const lines = file();
  for (const n of [1, 2, 4, lines.length - 1]) refused(() => read(lines.slice(0, n)), 'truncated', /är avkortad/);
  refused(() => read([...lines.slice(0, 4), lines.at(-1)!]), 'corrupt', /slutraden kommer före alla rader \(incident_photos, job_runs\)/);
  refused(() => read([...lines, rowLine(['x'])]), 'corrupt', /kommer efter slutraden/);
});

test('one changed character anywhere is caught by the checksum', () => {
  const lines = file();
  const changed = [...lines];
  changed[3] = changed[3]!.replace('1489', '1488');
  refused(() => read(changed), 'corrupt', /kontrollsumman \(SHA-256\) stämmer inte med innehållet/);
  const trailer = JSON.parse(lines.at(-1)!);
  refused(() => read([...lines.slice(0, -1), JSON.stringify({ ...trailer, lines: trailer.lines + 1 })]), 'corrupt', /kontrollsumman/);
  refused(() => read([...lines.slice(0, -1), JSON.stringify({ ...trailer, sha256: 'xyz' })]), 'corrupt', /slutraden är ogiltig/);
});

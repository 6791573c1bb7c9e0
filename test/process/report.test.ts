import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { docxParts, pdfPages, pdfText } from '../support/documents.ts';
import { run } from '../support/process.ts';

describe('lagesbild report on a demo-seeded embedded database', () => {
  let t: TestDatabase;
  let env: Record<string, string | undefined>;
  let dir: string;
  before(async () => {
    t = await createTestDatabase('pglite');
    await t.db.close();
    env = { DATA_DIR: t.location.dataDir, DATABASE_URL: '' };
    dir = mkdtempSync(join(tmpdir(), 'lb-report-'));
    const seeded = await run(['seed-demo', '--count', '800', '--seed', '11', '--end', '2026-11-24'], env);
    assert.equal(seeded.code, 0, seeded.stderr);
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.drop();
  });

  test('report lagesbild writes a PDF whose every page renders, with the hotspot map in red', async () => {
    const out = join(dir, 'lagesbild.pdf');
    const r = await run(['report', 'lagesbild', '--municipality', '1489', '--from', '2026-10-27', '--to', '2026-11-23', '--format', 'pdf', '--out', out], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /skrev .*lagesbild\.pdf/);
    const pdf = readFileSync(out);
    const pages = await pdfPages(pdf, 40);
    const text = pdfText(pdf);
    assert.ok(pages.length >= 6, `${pages.length} pages`);
    assert.ok(pages.every((p) => p.variance > 20), 'no blank page');
    assert.match(text[0], /Lägesbild Alingsås 27 okt–23 nov 2026/);
    assert.match(text.join(' '), /registrerades \d[\d ]* händelser i Alingsås/);
    const hot = text.findIndex((p) => p.includes('Hotspotkarta'));
    assert.ok(hot >= 0 && pages[hot].redPixels > 50, `red hotspot cells on the hotspot map page (${pages[hot]?.redPixels})`);
  });

  test('report action-plan writes an editable DOCX (its PDF is the same blocks; the route tests render it)', async () => {
    const docx = join(dir, 'plan.docx');
    const r = await run(['report', 'action-plan', '--municipality', '1489', '--year', '2026', '--format', 'docx', '--out', docx], env);
    assert.equal(r.code, 0, r.stderr);
    const parts = await docxParts(readFileSync(docx));
    assert.deepEqual(parts.headings.filter((h) => h.level === 1).map((h) => h.text), ['Inledning', 'Kartläggning', 'Analys', 'Prioriterade problem', 'Åtgärdsplan', 'Åtgärdernas effekt', 'Beslut och uppföljning']);
    assert.ok(parts.media.length >= 3, 'maps and chart as images');
    assert.match(parts.documentXml, /Lägesbild och åtgärdsplan 2026/);
  });

  test('bad arguments: exit status 2, the option named, no file written', async () => {
    const out = join(dir, 'bad.pdf');
    // Each run starts a process: the cases are few but cover each kind of check.
    const cases: Array<[string[], RegExp]> = [
      [['lagesbild', '--municipality', '9999', '--from', '2026-10-27', '--to', '2026-11-23', '--out', out], /unknown municipality "9999".*1489 \(Alingsås\)/],
      [['lagesbild', '--municipality', '1489', '--from', '2026-11-23', '--to', '2026-02-30', '--out', out], /--to: Enter a date, e\.g\. 2026-12-03/],
      [['lagesbild', '--municipality', '1489', '--from', '2026-11-23', '--to', '2026-10-27', '--out', out], /--to: The period ends before it starts/],
      [['lagesbild', '--municipality', '1489', '--from', '2026-11-23', '--to', '2026-10-27', '--format', 'docx', '--out', out], /--format must be one of pdf, html/],
      [['lagesbild', '--municipality', '1489', '--from', '2026-10-27', '--to', '2026-11-23', '--lang', 'de', '--out', out], /--lang must be one of sv, en/],
      [['lagesbild', '--municipality', '1489', '--from', '2026-10-27'], /required options --to, --out/],
      [['action-plan', '--municipality', '1489', '--year', '1850', '--out', out], /--year: /],
    ];
    const results = await Promise.all(cases.map(([args]) => run(['report', ...args], env)));
    cases.forEach(([args, message], i) => {
      assert.equal(results[i].code, 2, `${args.join(' ')}: ${results[i].stderr}`);
      assert.match(results[i].stderr.replace(/\n/g, ' '), message, args.join(' '));
    });
    assert.ok(!existsSync(out));
    const help = await run(['report', 'lagesbild', '--help'], env);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--municipality <code>[\s\S]*--from <date>[\s\S]*--format <format>/);
  });
});

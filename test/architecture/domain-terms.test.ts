/**
 * One catalogue of domain terms (issue 12, item 13): the emerging-hotspot classes, statuses, levels
 * and agenda kinds are named in src/core/i18n/terms.ts only. The web's catalogue sections take them
 * from there, and so do the documents (src/reports) and the meeting agenda — so "Ny coldspot" in the
 * PDF and "Ny kall fläck" on the screen, or "Intensifierad" in the agenda and "Intensifierande" in the
 * table, cannot come back. The scan fails on a Swedish term written anywhere else in the source.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMERGING_PATTERNS } from '../../src/core/analysis/emerging-hotspots/classify.ts';
import { LANGUAGES } from '../../src/core/i18n/errors.ts';
import { DOMAIN_TERMS, emergingTerm } from '../../src/core/i18n/terms.ts';
import { localiseAgenda, buildAgenda } from '../../src/core/meetings/agenda.ts';
import { lagesbildDocument } from '../../src/reports/lagesbild/document.ts';
import { renderHtml } from '../../src/reports/document/html.ts';
import { fixtureContent, fixtureLayers, fixtureNarrative, fixtureStatusLevels } from '../../src/reports/fixtures/lagesbild.ts';
import { CATALOGUES } from '../../web/src/i18n/index.ts';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const CATALOGUE = 'src/core/i18n/terms.ts';

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

test('the web shows, the documents print and the agenda says the same name for every emerging-hotspot class', () => {
  const html = { sv: renderHtml(lagesbildDocument(doc('sv'))), en: renderHtml(lagesbildDocument(doc('en'))) };
  // The classes the document's zone table shows (the 15 largest zones).
  const classes = new Set((fixtureContent().hotspots.zones ?? []).slice(0, 15).map((z) => z.emerging).filter((e) => e !== null));
  assert.ok(classes.size >= 1, "the fixture's zones have a class");
  for (const lang of LANGUAGES) {
    const web = CATALOGUES[lang].situationPictures.emerging;
    for (const e of EMERGING_PATTERNS) assert.equal(web[e], emergingTerm(lang, e), `${lang} ${e}: the web's name is the catalogue's`);
    for (const e of classes) assert.ok(html[lang].includes(emergingTerm(lang, e!)), `${lang} ${e}: the document prints the catalogue's name`);
    // The agenda's kinds and the agenda items' titles.
    assert.deepEqual(CATALOGUES[lang].meetings.kind, DOMAIN_TERMS[lang].agendaKind);
    const agenda = localiseAgenda(buildAgenda({ content: fixtureContent(), statusLevels: [], measures: [], openDecisions: [], now: new Date('2026-11-24T12:00:00Z') }), lang);
    for (const item of agenda.filter((i) => i.kind === 'intensifying-hotspot')) assert.ok(item.title.startsWith(emergingTerm(lang, 'Intensifying Hot Spot')), item.title);
  }
});

test('the other shared terms on the screen are the catalogue\'s too', () => {
  for (const lang of LANGUAGES) {
    const c = CATALOGUES[lang], t = DOMAIN_TERMS[lang];
    assert.deepEqual(c.measures.status, t.measureStatus, `${lang} measure statuses`);
    assert.deepEqual(c.common.reviewStatus, t.reviewStatus, `${lang} review statuses`);
    assert.deepEqual(c.situationPictures.status, t.editionStatus, `${lang} edition statuses`);
    assert.deepEqual({ ...c.situationPictures.narrative.level, none: undefined }, { ...t.statusLevel, none: undefined }, `${lang} status levels`);
  }
});

test('no Swedish domain term is written outside the catalogue (web, server, documents, agenda)', () => {
  const sv = DOMAIN_TERMS.sv;
  // The names that used to drift, and every class and agenda kind: none may be spelled out again.
  const terms = [...new Set([
    ...Object.values(sv.emerging), ...Object.values(sv.agendaKind).filter((x) => x !== 'Övrigt'), sv.emergingNone,
    'kall fläck', 'kalla fläckar', 'Intensifierad hotspot', 'Röd nivå', 'Försenad åtgärd', 'Åtgärd klar snart', 'Uppföljning av beslut',
  ])];
  const hits: string[] = [];
  for (const file of [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'web/src'))]) {
    const rel = relative(ROOT, file).split(sep).join('/');
    if (rel === CATALOGUE) continue;
    const text = readFileSync(file, 'utf8');
    for (const term of terms) {
      const re = new RegExp(`(?<![\\p{L}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'giu');
      for (const m of text.matchAll(re)) hits.push(`${rel}:${text.slice(0, m.index).split('\n').length}: "${m[0]}"`);
    }
  }
  assert.deepEqual(hits, [], `Swedish domain terms outside ${CATALOGUE}; take them from the catalogue:\n  ${hits.join('\n  ')}`);
});

function doc(lang: 'sv' | 'en') {
  return {
    title: 'T', version: 1, status: 'draft' as const, publishedAt: null, content: fixtureContent(),
    narrative: fixtureNarrative(), statusLevels: fixtureStatusLevels(), layers: fixtureLayers(), lang,
  };
}

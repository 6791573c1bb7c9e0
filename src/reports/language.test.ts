/**
 * Issue 12 item 13: a document in English is English. Its own words and the domain's terms (from
 * src/core/i18n/terms.ts) are English and its dates are written "5 Nov 2026"; only what people and
 * sources typed (titles, comments, place names, the police's headings) stays as typed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOMAIN_TERMS } from '../core/i18n/terms.ts';
import { actionPlanDocument } from './action-plan/document.ts';
import { renderDocx } from './document/docx.ts';
import { renderHtml } from './document/html.ts';
import { renderPdf } from './document/pdf.ts';
import { fixtureActionPlan } from './fixtures/action-plan.ts';
import { fixtureContent, fixtureLayers, fixtureNarrative, fixtureStatusLevels } from './fixtures/lagesbild.ts';
import { lagesbildDocument } from './lagesbild/document.ts';
import { docxParts, pdfText } from '../../test/support/documents.ts';

/** Every Swedish term of the catalogue that English writes differently (templates left out: their words are checked through their output). */
function swedishTerms(): string[] {
  const out = new Set<string>();
  const walk = (sv: unknown, en: unknown) => {
    if (typeof sv === 'string') { if (sv !== en && !sv.includes('{')) out.add(sv.replace(/\.$/, '')); return; }
    if (sv && typeof sv === 'object') for (const [k, v] of Object.entries(sv)) walk(v, (en as Record<string, unknown>)[k]);
  };
  walk(DOMAIN_TERMS.sv, DOMAIN_TERMS.en);
  return [...out];
}

/** What people typed into the input (every string but the categories' Swedish names): it stays as typed. */
function typed(input: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key = '') => {
    if (typeof v === 'string') { if (key !== 'nameSv' && v.length > 2) out.push(v); return; }
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(input);
  return out.sort((a, b) => b.length - a.length);
}

function assertEnglish(text: string, input: unknown, what: string): void {
  let own = text;
  for (const s of typed(input)) own = own.split(s).join(' ');
  for (const term of swedishTerms()) {
    const re = new RegExp(`(?<![\\p{L}])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'iu');
    const m = re.exec(own);
    assert.ok(!m, `${what}: the Swedish term "${term}" in "…${m ? own.slice(Math.max(0, m.index - 60), m.index + 60) : ''}…"`);
  }
  for (const word of ['händelser', 'Sida', 'UTKAST', 'Utkast', 'Förändring', 'Åtgärd', 'och', 'för']) {
    assert.ok(!new RegExp(`(?<![\\p{L}])${word}(?![\\p{L}])`, 'u').test(own), `${what}: the Swedish word "${word}"`);
  }
  const iso = /\b\d{4}-\d{2}-\d{2}\b/.exec(own);
  assert.ok(!iso, `${what}: an ISO date "${iso?.[0]}" in English text: …${iso ? own.slice(Math.max(0, iso.index - 60), iso.index + 40) : ''}…`);
  assert.match(own, /\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b/, `${what}: dates written "5 Nov 2026"`);
}

const htmlText = (html: string) => html
  .replace(/<style>[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' ')
  .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

const edition = (lang: 'sv' | 'en') => ({
  title: 'Situation picture Alingsås weeks 44–47', version: 2, status: 'draft' as const, publishedAt: null, content: fixtureContent(),
  narrative: fixtureNarrative(), statusLevels: fixtureStatusLevels(), layers: fixtureLayers(), measureTypeName: (c: string) => ({ lighting: 'Lighting' }[c] ?? c), lang,
});

test('the lägesbild in English: no Swedish term of the catalogue, English dates, English page furniture (HTML and PDF)', async () => {
  const input = edition('en');
  const d = lagesbildDocument(input);
  const html = renderHtml(d);
  assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
  assert.match(html, /<span class="draft-label">DRAFT<\/span>/);
  assertEnglish(htmlText(html), input, 'HTML');
  assert.match(htmlText(html), /In the period 27 Oct 2026 – 23 Nov 2026 \(28 days\), 240 incidents were recorded in Alingsås\./);
  assert.match(htmlText(html), /The increase is statistically significant \(p = 0\.012\)/);
  assert.match(htmlText(html), new RegExp(DOMAIN_TERMS.en.emerging['Intensifying Hot Spot']));
  const pages = pdfText(await renderPdf(d));
  pages.forEach((p, i) => assert.ok(p.includes(`Page ${i + 1} of ${pages.length}`), `page number on page ${i + 1}`));
  assertEnglish(pages.join(' '), input, 'PDF');
});

test('the same edition in Swedish keeps its Swedish words and ISO dates', () => {
  const text = htmlText(renderHtml(lagesbildDocument(edition('sv'))));
  assert.match(text, /Under perioden 2026-10-27 – 2026-11-23 \(28 dagar\) registrerades 240 händelser i Alingsås\./);
  assert.match(text, new RegExp(DOMAIN_TERMS.sv.emerging['Intensifying Hot Spot']));
});

test('the action plan in English (DOCX): no Swedish term of the catalogue and English dates', async () => {
  const input = { ...fixtureActionPlan(), lang: 'en' as const, measureTypeName: (c: string) => ({ belysning: 'Lighting', faltarbete: 'Field workers', klotterborttagning: 'Graffiti removal' }[c] ?? c) };
  const parts = await docxParts(await renderDocx(actionPlanDocument(input)));
  const text = [...parts.documentXml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
  assertEnglish(text, input, 'DOCX');
  assert.ok(parts.headings.some((h) => h.level === 1 && h.text === 'Action plan'));
  assert.ok(parts.tables.some((t) => t[0].join('|') === 'Measure|Type|Responsible|Planned time|Status|Follow-up'));
});

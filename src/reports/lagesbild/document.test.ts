import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { lagesbildDocument, sourcesText } from './document.ts';
import { renderPdf } from '../document/pdf.ts';
import { renderHtml } from '../document/html.ts';
import { renderDocx } from '../document/docx.ts';
import { fixtureContent, fixtureLayers, fixtureNarrative, fixtureStatusLevels } from '../fixtures/lagesbild.ts';
import { docxParts, pdfPages, pdfText } from '../../../test/support/documents.ts';

const HEADINGS = ['Sammanfattning', 'Nyckeltal', 'Kartor', 'Utveckling över tid', 'Kategorier, områden och organisationer', 'Hotspots och mönster', 'Polisens händelser', 'Orsaksanalyser', 'Statusnivåer', 'Åtgärder', 'Om underlaget'];

const doc = (over: Partial<Parameters<typeof lagesbildDocument>[0]> = {}) => lagesbildDocument({
  title: 'Lägesbild Alingsås vecka 44–47', version: 2, status: 'draft', publishedAt: null, content: fixtureContent(),
  narrative: fixtureNarrative(), statusLevels: fixtureStatusLevels(), layers: fixtureLayers(), measureTypeName: (c) => ({ lighting: 'Belysning' }[c] ?? c), ...over,
});

let draftPdf: Buffer;
before(async () => { draftPdf = await renderPdf(doc()); });

test('PDF: every page renders, none is blank, the hotspot map page has red cells', async () => {
  const pages = await pdfPages(draftPdf);
  assert.ok(pages.length >= 6 && pages.length <= 12, `${pages.length} pages`);
  for (const p of pages) {
    assert.ok(p.width > 400 && p.width < 420, 'A4 at 50 dpi');
    assert.ok(p.variance > 50, `page ${p.page} looks blank (variance ${p.variance.toFixed(1)})`);
  }
  const text = pdfText(draftPdf);
  assert.equal(text.length, pages.length);
  const hotspotPage = text.findIndex((t) => t.includes('Hotspotkarta (inzoomad'));
  assert.ok(hotspotPage >= 0, 'the hotspot map caption is in the text');
  assert.ok(pages[hotspotPage].redPixels > 300, `red hotspot pixels on page ${hotspotPage + 1}: ${pages[hotspotPage].redPixels}`);
  const titleless = pages.filter((p, i) => i !== hotspotPage && !/Hotspots|Statusnivå|Kartor|kategori/.test(text[i]));
  for (const p of titleless) assert.ok(p.redPixels < 300, `page ${p.page} has no hotspot colours`);
});

test('PDF: Swedish headings, numbers, significance in words, page numbers and the draft label on every page', () => {
  const pages = pdfText(draftPdf);
  const all = pages.join('\n');
  for (const h of HEADINGS) assert.ok(all.includes(h), h);
  assert.match(all, /registrerades 240 händelser i Alingsås/);
  assert.match(all, /Ökningen är statistiskt säkerställd \(p = 0,012\)/);
  assert.match(all, /Ökningen är inte statistiskt säkerställd \(p = 0,68\)/);
  assert.match(all, /\+50 \(\+26 %\)/);
  assert.match(all, /Intensifierande hotspot/);
  assert.match(all, /Hotspotområden \(angränsande rutor/);
  assert.match(all, /De starkaste rutorna med händelser/);
  assert.match(all, /inom 100 meter och 7 dagar/);
  assert.match(all, /Gärningsperson[\s\S]*Mål\/offer[\s\S]*Plats/);
  assert.match(all, /Röd[\s\S]*Gul[\s\S]*Grön/);
  assert.match(all, /Klotterrenovering vid resecentrum/);
  assert.match(all, /försenad/);
  assert.match(all, /Belysning/, 'measure type by its Swedish name');
  assert.match(all, /−5/, 'a real minus sign survives the embedded font');
  pages.forEach((p, i) => {
    assert.ok(p.includes(`Sida ${i + 1} av ${pages.length}`), `page number on page ${i + 1}`);
    assert.ok(p.includes('· Utkast'), `draft status in the footer of page ${i + 1}`);
    // pdftotext reads the rotated UTKAST watermark letter by letter, bottom-up.
    assert.ok(p.replace(/ /g, '').includes('TSAK'), `draft watermark on page ${i + 1}`);
  });
});

test('PDF of a published edition has no draft watermark and names the publishing date', async () => {
  const pdf = await renderPdf(doc({ status: 'published', publishedAt: '2026-11-25T09:00:00Z' }));
  const pages = pdfText(pdf);
  assert.ok(pages.every((p) => !p.includes('UTKAST') && !p.replace(/ /g, '').includes('TSAK')));
  assert.match(pages[0], /Publicerad 2026-11-25/);
});

test('PDF of an empty period still renders, saying why each part is empty', async () => {
  const pdf = await renderPdf(doc({ content: fixtureContent({ empty: true }), narrative: { summary: '', problems: [] }, statusLevels: [] }));
  const all = pdfText(pdf).join('\n');
  for (const s of ['Ingen sammanfattning är skriven ännu', 'För få händelser i perioden för en hotspotanalys', 'Ingen orsaksanalys', 'Inga statusnivåer', 'Inga öppna åtgärder']) assert.ok(all.includes(s), s);
  for (const p of await pdfPages(pdf)) assert.ok(p.variance > 20, `page ${p.page} blank`);
});

test('HTML: one self-contained page in Swedish with the same headings, accessible tables and inline SVG', () => {
  const html = renderHtml(doc());
  assert.match(html, /^<!DOCTYPE html>\n<html lang="sv">/);
  assert.match(html, /<meta charset="utf-8">/);
  const h2 = [...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  assert.deepEqual(h2, HEADINGS);
  const tables = [...html.matchAll(/<table>(.*?)<\/table>/gs)].map((m) => m[1]);
  assert.ok(tables.length >= 10);
  for (const t of tables) {
    assert.match(t, /^<caption>[^<]+<\/caption><thead><tr>(<th scope="col"[^>]*>.*?<\/th>)+<\/tr><\/thead><tbody>/);
    assert.match(t, /<th scope="row"/);
  }
  assert.equal((html.match(/<figure class="map"><svg /g) ?? []).length, 2);
  assert.match(html, /<span class="draft-label">UTKAST<\/span>/);
  assert.match(html, /@media print/);
  assert.doesNotMatch(html, /<(script|link|img|iframe)\b/);
  assert.doesNotMatch(html, /(src|href)="https?:/);
  assert.match(html, /Ökningen är statistiskt säkerställd \(p = 0,012\)/);
});

test('DOCX of the same document has real headings, tables and PNG images', async () => {
  const parts = await docxParts(await renderDocx(doc()));
  assert.deepEqual(parts.headings.filter((h) => h.level === 1).map((h) => h.text), HEADINGS);
  assert.equal(parts.media.filter((m) => m.endsWith('.png')).length, 5);
  const measures = parts.tables.find((t) => t[0].join('|') === 'Åtgärd|Typ|Ansvarig|Plats/område|Status|Klart senast');
  assert.ok(measures);
});

test('the first page names the municipality as it names itself, and the area in it', () => {
  assert.match(pdfText(draftPdf)[0], /Lägesbild för Alingsås kommun/);
  const lerum = { ...fixtureContent(), municipality: { id: '1441', name: 'Lerum' } };
  assert.equal(doc({ content: lerum }).subtitle[0], 'Lägesbild för Lerums kommun');
  assert.equal(doc({ content: { ...lerum, area: { id: 'a', name: 'Gråbo' } } }).subtitle[0], 'Lägesbild för Gråbo, Lerums kommun');
  assert.equal(doc({ content: lerum, lang: 'en' }).subtitle[0], 'Situation picture for Lerum Municipality');
});

test('the provenance names tips from the public through Open311 in words, in both languages', () => {
  const sources = [{ source: 'app', fileName: null, count: 120 }, { source: 'open311', fileName: null, count: 12 }];
  assert.equal(sourcesText(sources, true), '120 rapporterade i Lägesbild, 12 tips från allmänheten via Open311');
  assert.equal(sourcesText(sources, false), '120 reported in Lägesbild, 12 tips from the public through Open311');
});

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { actionPlanDocument } from './document.ts';
import { renderPdf } from '../document/pdf.ts';
import { renderDocx } from '../document/docx.ts';
import { fixtureActionPlan } from '../fixtures/action-plan.ts';
import { docxParts, pdfPages, pdfText } from '../../../test/support/documents.ts';

const HEADINGS = ['Inledning', 'Kartläggning', 'Analys', 'Prioriterade problem', 'Åtgärdsplan', 'Åtgärdernas effekt', 'Beslut och uppföljning'];
let pdf: Buffer, docx: Buffer;
before(async () => {
  const d = actionPlanDocument(fixtureActionPlan());
  [pdf, docx] = await Promise.all([renderPdf(d), renderDocx(d)]);
});

test('action plan PDF: every page rendered and not blank; law, survey, priorities, plan and measured effect in the text', async () => {
  const pages = await pdfPages(pdf);
  assert.ok(pages.length >= 6, `${pages.length} pages`);
  for (const p of pages) assert.ok(p.variance > 50, `page ${p.page} blank`);
  const text = pdfText(pdf);
  const all = text.join(' ');
  assert.match(text[0], /Lägesbild och åtgärdsplan 2026/);
  assert.match(text[0], /Alingsås kommun/, 'the first page names the municipality');
  assert.match(text[0], /Ej fastställd/);
  for (const h of HEADINGS) assert.ok(all.includes(h), h);
  assert.match(all, /lagen \(2023:196\)/);
  assert.match(all, /Andel som känt sig otrygga ute sent på kvällen .*27,5 %.*Riket: 29 %/);
  assert.match(all, /Gärningsperson Unga i grupp kvällstid/);
  assert.match(all, /Ny belysning vid resecentrum \(Resecentrum\) Belysning Alingsås kommun 2026-03-01 – 2026-04-30/);
  assert.match(all, /Slutsats Åtgärden verkar ha fungerat: ungefär 20 färre händelser än väntat/);
  assert.match(all, /Nettoeffekt ungefär 20 färre händelser än väntat \(nettoeffekt \+20,3\)/);
  assert.match(all, /Åtgärdsområde \(R\) 40 18/);
  assert.match(all, /Fältarbetare fredagskvällar Planerad Åtgärden har inte startat/);
  const hot = text.findIndex((t) => t.includes('Hotspots under året'));
  assert.ok(pages[hot].redPixels > 300, 'the hotspot map page has red cells');
  const effectPage = text.findIndex((t) => t.includes('Händelser per vecka i R, D och C'));
  // The control line is thin and dashed: at 50 dpi it fades below "clearly blue" (the page's blue used
  // to come from the next section sharing it), so the chart's page is looked at closer.
  const sharp = (await pdfPages(pdf, 100))[effectPage];
  assert.ok(sharp.redPixels > 20 && sharp.bluePixels > 20, 'the follow-up chart draws the R and C lines');
});

test('action plan DOCX: Heading 1/2, the plan table with the measures, the survey table, images in word/media', async () => {
  const parts = await docxParts(docx);
  assert.deepEqual(parts.headings.filter((h) => h.level === 1).map((h) => h.text), HEADINGS);
  assert.ok(parts.headings.some((h) => h.level === 2 && h.text === '1. Skadegörelse i centrum'));
  assert.ok(parts.headings.some((h) => h.level === 2 && h.text === 'Ny belysning vid resecentrum'));
  const plan = parts.tables.find((t) => t[0].join('|') === 'Åtgärd|Typ|Ansvarig|Planerad tid|Status|Uppföljning')!;
  assert.equal(plan.length, 3, 'header + two long-term measures');
  assert.match(plan[1].join('|'), /^Ny belysning vid resecentrum \(Resecentrum\)\|Belysning\|Alingsås kommun\|2026-03-01 – 2026-04-30\|Genomförd\|Åtgärden verkar ha fungerat: ungefär 20 färre händelser än väntat.*\(brutto −55 %, nettoeffekt \+20,3, WDQ/);
  assert.match(plan[2].join('|'), /Fältarbetare fredagskvällar.*\|Planerad\|Åtgärden har inte startat\./);
  const surveyTable = parts.tables.find((t) => t[0][0] === 'Indikator')!;
  assert.equal(surveyTable.length, 3);
  const pngs = parts.media.filter((m) => m.endsWith('.png'));
  assert.equal(pngs.length, 4, 'category chart, two maps, one follow-up chart');
  assert.match(parts.documentXml, /UTKAST|Ej fastställd/);
});

test('the action plan names its municipality as the municipality names itself', () => {
  const lerum = { ...fixtureActionPlan(), municipality: { id: '1441', name: 'Lerum' } };
  assert.equal(actionPlanDocument(lerum).subtitle[0], 'Lerums kommun');
  assert.equal(actionPlanDocument(lerum).author, 'Lerums kommun');
  assert.equal(actionPlanDocument({ ...lerum, lang: 'en' }).subtitle[0], 'Lerum Municipality');
});

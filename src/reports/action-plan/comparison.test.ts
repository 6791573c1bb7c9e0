import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planComparison } from '../../core/action-plans/period.ts';
import { renderHtml } from '../document/html.ts';
import { fixtureActionPlan } from '../fixtures/action-plan.ts';
import { actionPlanDocument } from './document.ts';
import { comparisonWords, daySpan } from './comparison.ts';

/** The document's words, without markup. */
function words(comparison: ReturnType<typeof planComparison>, lang: 'sv' | 'en' = 'sv') {
  const input = { ...fixtureActionPlan(), comparison, lang };
  const d = actionPlanDocument(input);
  return { subtitle: d.subtitle.join(' | '), text: renderHtml(d).replace(/<[^>]+>/g, ' ').replace(/&nbsp;|&#160;/g, ' ').replace(/\s+/g, ' ') };
}

test('a running year is compared with the same dates the year before, and the text says the year is incomplete', () => {
  const c = planComparison(2026, new Date('2026-12-03T10:00:00Z'));
  const { subtitle, text } = words(c);
  assert.match(subtitle, /Kartläggning 1 januari–2 december 2026 \(året är inte slut\), jämförd med samma datum 2025/);
  assert.match(text, /Under 1 januari–2 december 2026 registrerades \d+ händelser i Alingsås, mot \d+ under samma datum 2025:/);
  assert.match(text, /Året är inte slut: kartläggningen omfattar 1 januari–2 december 2026 och jämförs med samma datum 2025 \(1 januari–2 december 2025\), inte med hela 2025\./);
  assert.match(text, /Händelser per kategori, 1 januari–2 december 2026 och samma datum 2025/);
  assert.match(text, /Kategori 2026 t\.o\.m\. 2 december 2025 t\.o\.m\. 2 december/);
  assert.doesNotMatch(text, /året före|Kartläggning 1 januari – 31 december/);
  const en = words(c, 'en');
  assert.match(en.text, /The year is not over: the mapping covers 1 January–2 December 2026 and is compared with the same dates in 2025/);
});

test('a year that is over is compared whole with the whole year before', () => {
  const { subtitle, text } = words(planComparison(2025, new Date('2026-12-03T10:00:00Z')));
  assert.match(subtitle, /Kartläggning 1 januari–31 december 2025, jämförd med hela 2024/);
  assert.match(text, /Under 2025 registrerades \d+ händelser i Alingsås, mot \d+ under 2024:/);
  assert.match(text, /Kartläggningen omfattar hela 2025 och jämförs med hela 2024\./);
  assert.doesNotMatch(text, /inte slut/);
});

test('a year not begun reports no change', () => {
  const { text } = words(planComparison(2027, new Date('2026-12-03T10:00:00Z')));
  assert.match(text, /2027 har inte börjat: det finns inga händelser att kartlägga än\./);
  assert.doesNotMatch(text, /registrerades/);
});

test('spans of days as a reader writes them', () => {
  assert.equal(daySpan('2026-01-01', '2026-12-02', 'sv'), '1 januari–2 december 2026');
  assert.equal(daySpan('2027-01-01', '2027-01-01', 'en'), '1 January 2027');
  assert.equal(comparisonWords(planComparison(2028, new Date('2028-03-01T12:00:00Z')), 'sv').statement,
    'Året är inte slut: kartläggningen omfattar 1 januari–29 februari 2028 och jämförs med samma datum 2027 (1 januari–28 februari 2027), inte med hela 2027.');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lang } from '../../i18n/index.ts';
import { emptyRow, onPage, surveyPlan, type SurveyDraft } from './survey.ts';

const row = (patch: Partial<SurveyDraft>): SurveyDraft => ({ ...emptyRow(2026), indicator: 'Otrygghet', value: '12', ...patch });

test('a row added and left empty is not sent: the rest of the page saves', () => {
  const plan = surveyPlan([emptyRow(2026)]);
  assert.deepEqual(plan, { figures: [], sentFrom: [], errors: [] });
});

test('numbers as typed become numbers: decimal comma, comparison "Riket: 19,5"', () => {
  const plan = surveyPlan([row({ value: '28,4', comparison: 'Riket: 19,5' })]);
  assert.deepEqual(plan.figures, [{ source: 'NTU', indicator: 'Otrygghet', value: 28.4, unit: '%', year: 2026, comparison: { label: 'Riket', value: 19.5 } }]);
  assert.deepEqual(plan.errors, []);
});

test('a row with its number missing or unreadable is kept back, its error on its own cell; the other rows are sent', () => {
  const before = lang.value;
  try {
    lang.value = 'sv';
    const plan = surveyPlan([row({ value: '' }), emptyRow(2026), row({ indicator: 'Utsatthet', value: '7' }), row({ value: 'ca 5', year: '' }), row({ comparison: 'Riket' })]);
    assert.deepEqual(plan.figures.map((f) => f.indicator), ['Utsatthet']);
    assert.deepEqual(plan.sentFrom, [2]);
    assert.deepEqual(plan.errors.map((e) => [e.field, e.message]), [
      ['survey[0].value', 'Värde, rad 1: ange ett tal, t.ex. 12,5.'],
      ['survey[3].value', 'Värde, rad 4: ange ett tal, t.ex. 12,5.'],
      ['survey[3].year', 'År, rad 4: ange ett heltal, t.ex. 2026.'],
      ['survey[4].comparison', 'Jämförelse, rad 5: skriv namn, kolon och värde, t.ex. ”Riket: 19”.'],
    ]);
  } finally {
    lang.value = before;
  }
});

test('the server\'s errors on the rows sent are moved to the rows\' places on the page', () => {
  const fields = [{ field: 'survey[0].year', code: 'too_small', message: 'x' }, { field: 'narrative.introduction', code: 'too_long', message: 'y' }];
  assert.deepEqual(onPage(fields, [2, 5]).map((f) => f.field), ['survey[2].year', 'narrative.introduction']);
});

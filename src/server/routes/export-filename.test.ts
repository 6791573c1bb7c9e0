import { after, before, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';
import { attachment, exportFileName } from '../export-filename.ts';

describe('an export is named for the Swedish day it is made', () => {
  let t: TestApp;
  let coord: Client;
  before(async () => {
    t = await startTestApp(testEngines()[0]);
    coord = await t.as('coordinator');
  });
  after(() => t.close());

  test('at 00:30 in Sweden (23:30 UTC the day before) the file carries the Swedish date', async () => {
    mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-12-02T23:30:00Z') });
    try {
      const res = await coord.get('/api/incidents/export?format=csv&from=2026-12-02&to=2026-12-03');
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-disposition']), /filename="lagesbild-Alingsas-2026-12-03\.csv"; filename\*=UTF-8''lagesbild-Alings%C3%A5s-2026-12-03\.csv/);
    } finally {
      mock.timers.reset();
    }
  });
});

test('a file name names up to three municipalities, with what is not a letter or digit as a dash, and counts more', () => {
  assert.equal(exportFileName('csv', ['Alingsås'], '2026-12-03'), 'lagesbild-Alingsås-2026-12-03.csv');
  assert.equal(exportFileName('excel', ['Alingsås', 'Vårgårda'], '2026-12-03'), 'lagesbild-Alingsås-Vårgårda-2026-12-03-excel.csv');
  assert.equal(exportFileName('geojson', ['Upplands Väsby', 'Lilla Edet', 'Dals-Ed'], '2026-12-03'), 'lagesbild-Upplands-Väsby-Lilla-Edet-Dals-Ed-2026-12-03.geojson');
  assert.equal(exportFileName('csv', ['A', 'B', 'C', 'D'], '2026-12-03'), 'lagesbild-4-kommuner-2026-12-03.csv');
  assert.equal(exportFileName('csv', [], '2026-12-03'), 'lagesbild-2026-12-03.csv');
  assert.equal(exportFileName('xlsx', ['Alingsås'], '2026-12-03'), 'lagesbild-Alingsås-2026-12-03.xlsx');
  assert.equal(exportFileName('gpkg', ['Alingsås', 'Vårgårda'], '2026-12-03'), 'lagesbild-Alingsås-Vårgårda-2026-12-03.gpkg');
  assert.equal(attachment('lagesbild-Vårgårda-2026-12-03.csv'), 'attachment; filename="lagesbild-Vargarda-2026-12-03.csv"; filename*=UTF-8\'\'lagesbild-V%C3%A5rg%C3%A5rda-2026-12-03.csv');
});

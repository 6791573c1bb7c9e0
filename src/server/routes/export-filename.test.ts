import { after, before, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { testEngines } from '../../../test/support/db.ts';
import { startTestApp, type Client, type TestApp } from '../../../test/support/api.ts';

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
      assert.match(String(res.headers['content-disposition']), /filename="lagesbild-2026-12-03\.csv"/);
    } finally {
      mock.timers.reset();
    }
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundaryToleranceM, serverConfig } from './config.ts';

test('BOUNDARY_TOLERANCE_M sets the tolerance in metres; unset or empty is 200', () => {
  assert.equal(boundaryToleranceM({}), 200);
  assert.equal(boundaryToleranceM({ BOUNDARY_TOLERANCE_M: ' ' }), 200);
  assert.equal(boundaryToleranceM({ BOUNDARY_TOLERANCE_M: '0' }), 0);
  assert.equal(boundaryToleranceM({ BOUNDARY_TOLERANCE_M: '350' }), 350);
  assert.equal(boundaryToleranceM({ BOUNDARY_TOLERANCE_M: '12.5' }), 12.5);
  assert.equal(serverConfig({ BOUNDARY_TOLERANCE_M: '75' }).boundaryToleranceM, 75);
});

test('a tolerance that is not a number of metres from 0 to 5000 stops the start with a message', () => {
  for (const bad of ['-5', 'abc', '200m', '1e3', '5001']) {
    assert.throws(() => boundaryToleranceM({ BOUNDARY_TOLERANCE_M: bad }), new RegExp(`BOUNDARY_TOLERANCE_M must be a number of metres from 0 to 5000, got "${bad}"`), bad);
  }
});

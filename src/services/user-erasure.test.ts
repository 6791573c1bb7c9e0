import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripPersonFromText } from './user-erasure.ts';

test('the person\'s name, its parts, their address and phone numbers leave the text; other words stay', () => {
  const person = { name: 'Rolf Andersson', email: 'rolf@alingsas.test' };
  assert.equal(stripPersonFromText('Rolf Andersson såg klotter, ring 070-123 45 67 eller rolf@alingsas.test', person),
    '[namn borttaget] såg klotter, ring [telefonnummer borttaget] eller [e-postadress borttagen]');
  assert.equal(stripPersonFromText('Anmält av Andersson. Rolfs cykel stod kvar.', person), 'Anmält av [namn borttaget]. Rolfs cykel stod kvar.');
  assert.equal(stripPersonFromText('rolf andersson i gemener', person), '[namn borttaget] i gemener');
  assert.equal(stripPersonFromText('Klotter på bron', person), 'Klotter på bron');
});

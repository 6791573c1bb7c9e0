import { test } from 'node:test';
import assert from 'node:assert/strict';
import { POLISEN_API, policeConfig, policePollRefusal } from './config.ts';

test('the police poller is off unless asked for, every 5 minutes against polisen.se by default', () => {
  assert.deepEqual(policeConfig({}), { poll: false, contact: null, baseUrl: POLISEN_API, intervalMs: 300_000, deployment: null });
  const on = policeConfig({ LAGESBILD_POLICE_POLL: 'on', LAGESBILD_POLICE_CONTACT: 'it@alingsas.se', PUBLIC_URL: 'https://lagesbild.alingsas.se/', LAGESBILD_POLICE_INTERVAL: '120', LAGESBILD_POLICE_URL: 'http://127.0.0.1:9999' });
  assert.deepEqual(on, { poll: true, contact: 'it@alingsas.se', baseUrl: 'http://127.0.0.1:9999', intervalMs: 120_000, deployment: 'lagesbild.alingsas.se' });
  assert.equal(policeConfig({ PUBLIC_URL: 'http://127.0.0.1:3000' }).deployment, null, 'this machine names no deployment');
  assert.equal(policePollRefusal(on), null);
  assert.equal(policePollRefusal(policeConfig({})), null, 'not asked for');
});

test('asked to poll without a contact: refused with a message that says what to set', () => {
  const c = policeConfig({ LAGESBILD_POLICE_POLL: 'on' });
  assert.match(policePollRefusal(c)!, /LAGESBILD_POLICE_POLL=on kräver LAGESBILD_POLICE_CONTACT/);
});

test('bad settings stop the server with the setting named', () => {
  assert.throws(() => policeConfig({ LAGESBILD_POLICE_POLL: 'ja' }), /LAGESBILD_POLICE_POLL must be on or off, got "ja"/);
  assert.throws(() => policeConfig({ LAGESBILD_POLICE_CONTACT: 'Åsa på kommunen' }), /LAGESBILD_POLICE_CONTACT must be an e-mail or web address without spaces/);
  assert.throws(() => policeConfig({ LAGESBILD_POLICE_URL: 'polisen.se' }), /LAGESBILD_POLICE_URL must be an http\(s\) address/);
  // Shorter than a minute would spend Polisen's 60 calls an hour; the poller's own tests use shorter ones directly.
  assert.throws(() => policeConfig({ LAGESBILD_POLICE_INTERVAL: '10' }), /LAGESBILD_POLICE_INTERVAL must be a number of seconds from 60 to 86400/);
  assert.throws(() => policeConfig({ LAGESBILD_POLICE_INTERVAL: '5m' }), /LAGESBILD_POLICE_INTERVAL/);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { credentialLines, setupLink, setupMessage, startMessage } from './start-message.ts';

const demo = [
  { email: 'rapportor@demo.lagesbild.se', roles: ['reporter'] as const, password: 'pw' },
  { email: 'samordnare@demo.lagesbild.se', roles: ['coordinator'] as const, password: 'pw' },
];

test('the start line says where the server runs and, on the demo, whom to log in as', () => {
  assert.equal(startMessage('http://127.0.0.1:3000'), 'Lägesbild kör på http://127.0.0.1:3000 (API-dokumentation: http://127.0.0.1:3000/docs)');
  const line = startMessage('http://127.0.0.1:3000', demo);
  assert.match(line, /^Lägesbild kör på http:\/\/127\.0\.0\.1:3000; demo-användare: samordnare@demo\.lagesbild\.se \(samordnare\), lösenord pw/);
  assert.equal(line.includes('\n'), false);
});

test('the demo users are listed with the Swedish role names the interface uses', () => {
  const lines = credentialLines(demo);
  assert.match(lines[1]!, /rapportor@demo\.lagesbild\.se +rapportör +lösenord: pw/);
  assert.match(lines[2]!, /samordnare@demo\.lagesbild\.se +samordnare +lösenord: pw/);
});

test('a first start prints one line with the set-up link, at PUBLIC_URL when set, else where the server listens', () => {
  const token = 'Zm9v-YmFy_0123456789abcdefghijklmnopqrstuvwxyz';
  assert.equal(setupLink(undefined, 'http://127.0.0.1:3000', token), `http://127.0.0.1:3000/#/installera?token=${token}`);
  assert.equal(setupLink('  ', 'http://127.0.0.1:3000', token), `http://127.0.0.1:3000/#/installera?token=${token}`);
  assert.equal(setupLink('https://lagesbild.kommun.se/', 'http://127.0.0.1:3000', token), `https://lagesbild.kommun.se/#/installera?token=${token}`);
  assert.equal(setupLink('https://kommun.se/lagesbild', 'http://0.0.0.0:3000', 'a+b/c'), 'https://kommun.se/lagesbild/#/installera?token=a%2Bb%2Fc');
  const line = setupMessage(setupLink(undefined, 'http://127.0.0.1:3000', token));
  assert.equal(line, `Första start: öppna http://127.0.0.1:3000/#/installera?token=${token} för att sätta upp Lägesbild (länken gäller tills den har använts)`);
  assert.equal(line.includes('\n'), false);
});

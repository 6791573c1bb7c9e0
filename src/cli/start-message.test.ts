import { test } from 'node:test';
import assert from 'node:assert/strict';
import { credentialLines, startMessage } from './start-message.ts';

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

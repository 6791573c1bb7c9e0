import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';

// 0005–0007 never existed (README, "For developers"); every migration after 0008 takes the next number.
test('migrations are named NNNN_name.sql and numbered without gaps from 0008 on', () => {
  const files = readdirSync(new URL('./migrations/', import.meta.url)).filter((f) => f.endsWith('.sql')).sort();
  for (const f of files) assert.match(f, /^\d{4}_[a-z0-9_]+\.sql$/, f);
  const numbers = files.map((f) => Number(f.slice(0, 4)));
  assert.deepEqual(numbers.slice(0, 5), [1, 2, 3, 4, 8]);
  numbers.slice(4).forEach((n, k) => assert.equal(n, 8 + k, `after ${files[3 + k + 1]}: expected ${String(8 + k).padStart(4, '0')}, found ${files[4 + k]}`));
});

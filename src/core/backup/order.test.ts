import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dependencyOrder } from './order.ts';

test('each table comes after the tables it refers to; ties by name', () => {
  const refs = [
    { from: 'users', to: 'organisations' }, { from: 'users', to: 'municipalities' }, { from: 'organisations', to: 'municipalities' },
    { from: 'incidents', to: 'users' }, { from: 'incidents', to: 'categories' }, { from: 'categories', to: 'municipalities' },
    { from: 'incident_photos', to: 'incidents' }, { from: 'audit_log', to: 'users' },
  ];
  const tables = ['incidents', 'audit_log', 'users', 'categories', 'organisations', 'municipalities', 'incident_photos', 'job_runs'];
  const order = dependencyOrder(tables, refs);
  assert.deepEqual(order, ['job_runs', 'municipalities', 'categories', 'organisations', 'users', 'audit_log', 'incidents', 'incident_photos']);
  for (const r of refs) assert.ok(order.indexOf(r.from) > order.indexOf(r.to), `${r.from} after ${r.to}`);
  assert.deepEqual(dependencyOrder([...tables].reverse(), [...refs].reverse()), order, 'the same whatever order the catalogue lists them in');
});

test('a reference to itself does not hold a table back; a cycle is broken; every table appears once', () => {
  assert.deepEqual(dependencyOrder(['categories', 'municipalities'], [{ from: 'categories', to: 'categories' }, { from: 'categories', to: 'municipalities' }]), ['municipalities', 'categories']);
  const cyc = dependencyOrder(['b', 'a', 'c'], [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }, { from: 'c', to: 'a' }]);
  assert.deepEqual(cyc, ['a', 'b', 'c']);
  assert.deepEqual(dependencyOrder(['x'], [{ from: 'x', to: 'spatial_ref_sys' }]), ['x'], 'references outside the list are ignored');
});

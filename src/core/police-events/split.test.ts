import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { countyCode, municipalitiesOfEvent, splitPoliceEvents } from './split.ts';

const DEPLOYMENT = [{ id: '1489', name: 'Alingsås' }, { id: '1442', name: 'Vårgårda' }];
const at = (locationName: string | null, name: string) => municipalitiesOfEvent({ locationName, name }, DEPLOYMENT);

test('an event belongs to the municipality its location names, whatever the case', () => {
  assert.deepEqual(at('Alingsås', '21 augusti 19.14, Brand, Alingsås'), { ids: ['1489'], scope: 'municipality' });
  assert.deepEqual(at('alingsås', 'x'), { ids: ['1489'], scope: 'municipality' });
  assert.deepEqual(municipalitiesOfEvent({ locationName: 'Lilla edet', name: 'x' }, [{ id: '1462', name: 'Lilla Edet' }]).ids, ['1462']);
  assert.deepEqual(at('Göteborg', 'x'), { ids: [], scope: null }, 'a municipality outside the deployment');
  assert.deepEqual(at(null, 'x'), { ids: [], scope: null });
});

test('a county event: the municipality its title ends with, the whole county when it ends with the county, none for a place outside', () => {
  assert.deepEqual(at('Västra Götalands län', '22 augusti 11.48, Trafikolycka, personskada, Alingsås'), { ids: ['1489'], scope: 'municipality' });
  assert.deepEqual(at('Västra Götalands län', 'Sammanfattning natt, Västra Götalands län'), { ids: ['1489', '1442'], scope: 'county' });
  assert.deepEqual(at('Västra Götalands län', '22 augusti 16.01, Trafikolycka, Töreboda'), { ids: [], scope: null }, 'Töreboda is not in the deployment');
  assert.deepEqual(at('Skåne län', 'Sammanfattning natt, Skåne län'), { ids: [], scope: null }, 'another county');
  // A municipality of another county with the same name as the title's place is not taken.
  assert.deepEqual(municipalitiesOfEvent({ locationName: 'Skåne län', name: 'x, Alingsås' }, DEPLOYMENT).ids, []);
  assert.equal(countyCode('västra götalands län'), '14');
  assert.equal(countyCode('Alingsås'), null);
});

test('the recorded API answer, split for Alingsås and Vårgårda: the events named for each and the county-wide ones for both', () => {
  const events = (JSON.parse(readFileSync(new URL('../../../../shared/data/polisen/polisen_api_events_snapshot_2026-08-22.json', import.meta.url), 'utf8')) as Array<{ id: number; name: string; location: { name: string } }>)
    .map((e) => ({ id: e.id, name: e.name, locationName: e.location.name }));
  const { byMunicipality, outside } = splitPoliceEvents(events, DEPLOYMENT);
  const countyWide = events.filter((e) => e.locationName === 'Västra Götalands län' && e.name.endsWith(', Västra Götalands län'));
  assert.equal(countyWide.length, 17);
  const alingsas = byMunicipality.get('1489')!;
  assert.equal(alingsas.length, 18);
  assert.deepEqual(alingsas.filter((e) => !countyWide.includes(e)).map((e) => e.name), ['21 augusti 18.50, Trafikolycka, Alingsås']);
  assert.deepEqual(byMunicipality.get('1442'), countyWide);
  assert.equal(outside, 500 - 18);
});
